/* api.h — the route handlers (each file api_*.c holds one part of the
 * case's life) and the few pieces they share. The route table in routes.c
 * maps addresses to these. */
#ifndef HEARTH_API_H
#define HEARTH_API_H

#include "app.h"
#include "../domain/form.h"

struct action_ctx;

/* api_cases.c */
int handle_case_create(struct app *, const struct request *, struct response *);
int handle_case_get(struct app *, const struct request *, struct response *);
int handle_case_timeline(struct app *, const struct request *, struct response *);
int handle_consultation_update(struct app *, const struct request *, struct response *);
/* api_list.c */
int handle_case_list(struct app *, const struct request *, struct response *);
int handle_dashboard(struct app *, const struct request *, struct response *);
/* api_referral.c */
int handle_emergency_decision(struct app *, const struct request *, struct response *);
int handle_screening(struct app *, const struct request *, struct response *);
/* api_consent.c */
int handle_consent(struct app *, const struct request *, struct response *);
int handle_allocation(struct app *, const struct request *, struct response *);
int handle_first_contact(struct app *, const struct request *, struct response *);
/* api_network.c */
int handle_person_add(struct app *, const struct request *, struct response *);
int handle_person_change(struct app *, const struct request *, struct response *);
int handle_network_get(struct app *, const struct request *, struct response *);
int handle_network_person(struct app *, const struct request *, struct response *);
int handle_genogram(struct app *, const struct request *, struct response *);
int handle_relationship_add(struct app *, const struct request *, struct response *);
int handle_relationship_remove(struct app *, const struct request *, struct response *);
int handle_household(struct app *, const struct request *, struct response *);
int handle_people_search(struct app *, const struct request *, struct response *);
/* api_invitations.c */
int handle_invitations(struct app *, const struct request *, struct response *);
int handle_conversation(struct app *, const struct request *, struct response *);
int handle_response(struct app *, const struct request *, struct response *);
int handle_exclusion(struct app *, const struct request *, struct response *);
int handle_exclusion_lift(struct app *, const struct request *, struct response *);
/* api_meeting.c */
int handle_preparation(struct app *, const struct request *, struct response *);
int handle_meeting_schedule(struct app *, const struct request *, struct response *);
int handle_meeting_record(struct app *, const struct request *, struct response *);
/* api_plan.c */
int handle_plan(struct app *, const struct request *, struct response *);
int handle_referrer_decision(struct app *, const struct request *, struct response *);
int handle_plan_validation(struct app *, const struct request *, struct response *);
int handle_distribution(struct app *, const struct request *, struct response *);
int handle_distribution_complete(struct app *, const struct request *, struct response *);
int handle_no_agreement(struct app *, const struct request *, struct response *);
/* api_review.c */
int handle_review_schedule(struct app *, const struct request *, struct response *);
int handle_review_record(struct app *, const struct request *, struct response *);
/* api_closure.c */
int handle_closure(struct app *, const struct request *, struct response *);
int handle_notification(struct app *, const struct request *, struct response *);
int handle_evaluation(struct app *, const struct request *, struct response *);
/* api_documents.c */
int handle_plan_document(struct app *, const struct request *, struct response *);
int handle_invitation_letter(struct app *, const struct request *, struct response *);
int handle_send_plan(struct app *, const struct request *, struct response *);
int handle_closure_letter(struct app *, const struct request *, struct response *);
int handle_evaluation_form(struct app *, const struct request *, struct response *);
/* api_meta.c */
int handle_home(struct app *, const struct request *, struct response *);
int handle_venues(struct app *, const struct request *, struct response *);
int handle_venue_get(struct app *, const struct request *, struct response *);
int handle_venue_add(struct app *, const struct request *, struct response *);
int handle_venue_change(struct app *, const struct request *, struct response *);
int handle_sessions_get(struct app *, const struct request *, struct response *);
int handle_sessions_put(struct app *, const struct request *, struct response *);
int handle_service_get(struct app *, const struct request *, struct response *);
int handle_service_put(struct app *, const struct request *, struct response *);
int handle_consultation_week(struct app *, const struct request *, struct response *);
int handle_form_page(struct app *, const struct request *, struct response *);
int handle_asset(struct app *, const struct request *, struct response *);
int handle_health(struct app *, const struct request *, struct response *);
int handle_openapi(struct app *, const struct request *, struct response *);
int handle_timescales_get(struct app *, const struct request *, struct response *);
int handle_timescales_put(struct app *, const struct request *, struct response *);
int handle_security_get(struct app *, const struct request *, struct response *);
int handle_security_put(struct app *, const struct request *, struct response *);
/* api_session.c */
int handle_sign_in(struct app *, const struct request *, struct response *);
int handle_session_get(struct app *, const struct request *, struct response *);
int handle_sign_out(struct app *, const struct request *, struct response *);
int handle_second_factor(struct app *, const struct request *, struct response *);
int handle_enrolment_start(struct app *, const struct request *, struct response *);
int handle_enrolment_confirm(struct app *, const struct request *, struct response *);
int handle_own_sessions(struct app *, const struct request *, struct response *);
int handle_end_own_session(struct app *, const struct request *, struct response *);
int handle_change_own_password(struct app *, const struct request *, struct response *);
/* api_users.c */
int handle_users(struct app *, const struct request *, struct response *);
int handle_user_add(struct app *, const struct request *, struct response *);
int handle_user_get(struct app *, const struct request *, struct response *);
int handle_user_change(struct app *, const struct request *, struct response *);
int handle_password_reset(struct app *, const struct request *, struct response *);
int handle_teams(struct app *, const struct request *, struct response *);
int handle_team_add(struct app *, const struct request *, struct response *);
/* api_tokens.c */
int handle_tokens(struct app *, const struct request *, struct response *);
int handle_token_create(struct app *, const struct request *, struct response *);
int handle_token_revoke(struct app *, const struct request *, struct response *);
/* api_audit.c */
int handle_case_audit(struct app *, const struct request *, struct response *);
int handle_user_audit(struct app *, const struct request *, struct response *);
int handle_break_glass(struct app *, const struct request *, struct response *);

/* Shared between the family meeting (api_meeting.c) and the review (api_review.c). */
extern const struct field_spec MEETING_ARRANGEMENT[];
extern const struct field_spec ATTENDEE[];
int meeting_arrangement_check(struct action_ctx *ctx);
int attendance_check(struct action_ctx *ctx);
int attendance_write(struct action_ctx *ctx, const char *meeting_id);
/* An action of the plan (api_plan.c), also used for new actions at a review. */
extern const struct field_spec PLAN_ITEM[];

#endif
