// Passkeys on our pages: "Sign in with a passkey" (and the browser's passkey autofill on the login
// page), the second step, and "Add a passkey" on the account page. The WebAuthn ceremony is
// @simplewebauthn/browser's (webauthn.js, served from our origin); the options come in the form's
// data-options, and the answer goes back in a plain form post, like every other form here.
'use strict';
(() => {
  const webauthn = globalThis.SimpleWebAuthnBrowser;
  if (!webauthn?.browserSupportsWebAuthn()) return; // the forms stay hidden: the password is the way in

  for (const form of document.querySelectorAll('form[data-passkey]')) {
    const optionsJSON = JSON.parse(form.dataset.options);
    const answer = form.querySelector('input[name="credential"]');
    const status = form.querySelector('[data-passkey-status]');
    const registering = form.dataset.passkey === 'register';
    const ceremony = (extra) =>
      registering ? webauthn.startRegistration({ optionsJSON }) : webauthn.startAuthentication({ optionsJSON, ...extra });
    const send = (credential) => {
      answer.value = JSON.stringify(credential);
      form.submit();
    };
    const failed = (error) => {
      // A ceremony cancelled by another one (the button over autofill) is not a failure.
      if (error?.name === 'AbortError' || error?.code === 'ERROR_CEREMONY_ABORTED') return;
      if (status) status.textContent = form.dataset.failed;
    };
    form.hidden = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (status) status.textContent = '';
      ceremony({}).then(send, failed);
    });
    if (form.dataset.autofill !== undefined) {
      webauthn.browserSupportsWebAuthnAutofill().then((supported) => {
        if (supported) ceremony({ useBrowserAutofill: true }).then(send, failed);
      });
    }
  }
})();
