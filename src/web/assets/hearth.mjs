// hearth.mjs — the pages' only script, and only an improvement: every page
// works without it. It turns on govuk-frontend's components (error summary
// focus, service navigation toggle, radios) as GOV.UK's page template would,
// without the inline script the Content-Security-Policy forbids.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled')
if ('noModule' in HTMLScriptElement.prototype) {
  document.body.classList.add('govuk-frontend-supported')
  initAll()
}
