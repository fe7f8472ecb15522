/**
 * The consent a business gives on its result page before it asks for an
 * offer. The wording is stored with every lead together with its version: a
 * changed text is a new version, never an edit of this one.
 */
export const CONTACT_CONSENT = {
  version: 'kontakt-2026-12',
  text: {
    de: 'Ich bin einverstanden, dass die Handwerkskammer meinen Namen, meine Kontaktdaten, mein Ergebnis des Digitalisierungs-Checks und meine Anfragen speichert, um mich zu den angefragten Workshops und Beratungsangeboten zu kontaktieren, und sie dafür an den jeweiligen Anbieter weitergibt. Die Einwilligung ist freiwillig; ich kann sie jederzeit mit meinem Fortsetzungscode auf der Ergebnisseite widerrufen.',
    en: 'I agree that the chamber of crafts stores my name, my contact details, my digital check result and my requests in order to contact me about the workshops and advisory services I asked for, and passes them to the provider of each offer for this purpose. Consent is voluntary; I can withdraw it at any time on the result page with my resume code.',
  },
} as const;

/** The version a profile's consent checkbox is stored under: the questionnaire's own wording. */
export const profileConsentVersion = (questionnaireId: string, version: string) => `${questionnaireId}@${version}#profile.contactConsent`;
