/* qr_svg.h — a QR code (libqrencode) drawn as a standalone SVG image, for
 * enrolling an authenticator app. */
#ifndef HEARTH_QR_SVG_H
#define HEARTH_QR_SVG_H

#include "../util/buf.h"

/* Appends an <svg> with a 4-module quiet zone, black modules on white,
 * one <path>, a role="img" and an aria-label. 0, or -1 when the text
 * cannot be encoded. */
int qr_svg(const char *text, const char *label, struct buf *out);

#endif
