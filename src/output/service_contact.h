/* service_contact.h — the service's contact details at the end of a
 * document: who to call or write to, from the settings ("service"). */
#ifndef HEARTH_SERVICE_CONTACT_H
#define HEARTH_SERVICE_CONTACT_H

#include <jansson.h>
#include "pdf.h"

/* A "Contact us" section: `intro` (may be NULL), then the address, phone,
 * e-mail and website that are set. Nothing when none is. */
void service_contact(struct pdf *d, const json_t *service, const char *intro);

/* The service's name, or the default when the settings have none. */
const char *service_name(const json_t *service);

#endif
