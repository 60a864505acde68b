/* qr_svg.c — a QR code as SVG (qr_svg.h). Vector output scales sharply on
 * any screen and needs no image library or file. */
#include "qr_svg.h"

#include <qrencode.h>

#define QUIET 4 /* modules of white border that scanners need (ISO/IEC 18004) */
#define PX 5    /* whole pixels per module keep edges crisp at the default size */

/* The label ends up in an attribute, so quotes matter as well as markup. */
static void xml_escape(struct buf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		default: buf_append(out, s, 1);
		}
	}
}

int qr_svg(const char *text, const char *label, struct buf *out)
{
	if (!text)
		return -1;
	/* Byte mode and medium error correction: an otpauth URI has lower case
	 * and punctuation, and M survives a smudged or glaring phone screen. */
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return -1;
	int w = qr->width, size = w + 2 * QUIET;
	buf_printf(out,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
	           "height=\"%d\" role=\"img\" aria-label=\"",
	           size, size, size * PX, size * PX);
	xml_escape(out, label ? label : "QR code");
	buf_puts(out, "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
	              "fill=\"#fff\"/><path fill=\"#000\" d=\"");
	/* One rectangle per horizontal run of dark modules keeps the path
	 * several times shorter than one square per module. */
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w;) {
			if (!(qr->data[y * w + x] & 1)) {
				x++;
				continue;
			}
			int run = 0;
			while (x + run < w && (qr->data[y * w + x + run] & 1))
				run++;
			buf_printf(out, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
			x += run;
		}
	}
	buf_puts(out, "\"/></svg>");
	QRcode_free(qr);
	return 0;
}
