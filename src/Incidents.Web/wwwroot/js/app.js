// Progressive enhancement only: every page works without JavaScript.
// GOV.UK Frontend's components look for these classes on <body> (normally set by an inline script, which the
// Content-Security-Policy does not allow).
import { initAll } from '../lib/govuk-frontend/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
