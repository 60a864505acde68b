/* pages.h — what pages need beyond their handler's JSON (page.h `extra`):
 * lists to choose from, a case's task list and links to its actions, dates
 * in words. Everything is read from the view model or the store; nothing
 * here decides who may do what (the guard and case_view_for() have). */
#ifndef HEARTH_PAGES_H
#define HEARTH_PAGES_H

#include "app.h"

/* teams: [{id, name}] — booking a consultation for a team. */
int page_teams(struct app *app, const struct request *req, json_t *ctx, struct err *e);
/* For the booking form: teams, and ?slot= (a consultation session slot)
 * filled in as the consultation's date and time. */
int page_booking(struct app *app, const struct request *req, json_t *ctx, struct err *e);
/* For a case's pages: tasks (the GOV.UK task list of its stages), can
 * {action: true}, links to each action's page, and people by kind. */
int page_case(struct app *app, const struct request *req, json_t *ctx, struct err *e);
/* page_case, and coordinators: [{id, name, team}] to allocate from. */
int page_coordinators(struct app *app, const struct request *req, json_t *ctx, struct err *e);
/* For the case list: stages to filter by, and GOV.UK pagination links that
 * keep the search. */
int page_cases(struct app *app, const struct request *req, json_t *ctx, struct err *e);
/* For the timeline: the way back to the case. */
int page_timeline(struct app *app, const struct request *req, json_t *ctx, struct err *e);
/* For arranging a meeting or review: page_case, and venues (in use). */
int page_meeting(struct app *app, const struct request *req, json_t *ctx, struct err *e);
/* A consent form needs checking when it records a refusal. */
bool page_consent_refused(const json_t *form);

/* qr_src: the enrolment QR code (model.qr_svg) as a data: address for <img>. */
int page_qr_image(struct app *app, const struct request *req, json_t *ctx, struct err *e);

/* For account pages: teams, and role_options [{value, text, checked}]
 * ticked from what was typed or the account's roles. */
int page_account_form(struct app *app, const struct request *req, json_t *ctx, struct err *e);
/* For the staff list: each person's roles in words (role_titles). */
int page_users(struct app *app, const struct request *req, json_t *ctx, struct err *e);
/* For the settings page: the nations whose bank holidays hearth has. */
int page_settings(struct app *app, const struct request *req, json_t *ctx, struct err *e);

/* Prefills (page.h): a form's fields as a person would have typed them —
 * yes/no, GOV.UK date boxes (dates and London times) — from the record. */
void page_prefill_consultation(const json_t *model, json_t *values);
void page_prefill_preparation(const json_t *model, json_t *values);
/* The family network's pages: page_case, and choices.people [{value, text}]
 * (everyone on the case), choices.members (without the child),
 * choices.households, genogram_src, the exclusion or person the address
 * names (exclusion, person), and values.member_id from ?member=. */
int page_network(struct app *app, const struct request *req, json_t *ctx, struct err *e);
/* Adding a person: page_case, and with ?q= the people already recorded
 * whose name matches (search_results), on cases the person may see. */
int page_person_search(struct app *app, const struct request *req, json_t *ctx, struct err *e);
/* Checkboxes: a copy of `items` ([{value, text}]) with checked set on
 * those `selected` holds (a list, or one value), numbered (page_number). */
json_t *page_options(const json_t *items, const json_t *selected);
/* The preparation page: page_case, and contribution_options (checkboxes). */
int page_preparation(struct app *app, const struct request *req, json_t *ctx, struct err *e);
/* One person's details in the form's shape. */
void page_prefill_person(const json_t *model, json_t *values);
/* Every field of the model, as is (settings). */
void page_prefill_all(const json_t *model, json_t *values);
/* An account: name, team_id, active and roles. */
void page_prefill_account(const json_t *model, json_t *values);
/* The latest plan, as rows items[i][concern]…, for a new version. */
void page_prefill_plan(const json_t *model, json_t *values);

/* The address of the page for `action` on case `id`, or NULL (none). */
const char *page_action_href(const char *action, const char *id, char *out, size_t n);

#endif
