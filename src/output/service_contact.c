/* service_contact.c — the service's contact details in a document (service_contact.h). */
#include "service_contact.h"
#include "../domain/form.h"

void service_contact(struct pdf *d, const json_t *service, const char *intro)
{
	static const char *const KEYS[][2] = {
		{"address", "Write to"}, {"phone", "Phone"}, {"email", "E-mail"}, {"website", "Website"}};
	const char *rows[8];
	int n = 0;
	for (int i = 0; i < 4; i++)
		if (form_str(service, KEYS[i][0])) {
			rows[2 * n] = KEYS[i][1];
			rows[2 * n + 1] = form_str(service, KEYS[i][0]);
			n++;
		}
	if (n == 0)
		return;
	pdf_heading(d, 1, "Contact us");
	if (intro)
		pdf_para(d, intro);
	pdf_pairs(d, rows, n);
}

const char *service_name(const json_t *service)
{
	return form_str(service, "name") ? form_str(service, "name") : "Family Group Conference Service";
}
