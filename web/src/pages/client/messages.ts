/**
 * The client page's words in English, Spanish and German. The language comes from the visitor's
 * choice (kept in localStorage), else navigator.language, else English. `{name}` placeholders.
 */
export type Language = 'en' | 'es' | 'de';
export const languages: readonly { id: Language; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'es', label: 'Español' },
  { id: 'de', label: 'Deutsch' },
];

const en = {
  title: '{agency} asks for access',
  intro:
    '{agency} would like access to the items below in your {platform} business account, so they can run and measure your ads without your password. Nothing is shared until you approve, and you can remove access at any time in {platform} Business Center.',
  asked: 'What is asked',
  connect: 'Connect {platform}',
  connected: '{platform} is connected.',
  connectAgain: 'Connect again',
  agencyNotReady:
    '{agency} has not finished connecting its own {platform} account yet, so nothing can be shared right now. Please let them know, and come back to this link later.',
  pick: 'Tick what to share',
  pickHint: 'These are the assets your {platform} sign-in can see. Tick the ones {agency} may use.',
  none: 'No {type} found in your {platform} Business Centers.',
  approve: 'Approve and share',
  approving: 'Sharing…',
  progress: 'Progress',
  receipt: 'Receipt',
  receiptIntro: '{agency} now has access to the items marked “{shared}” below.',
  status_queued: 'Waiting to start',
  status_running: 'Sharing…',
  status_granted: 'Shared',
  status_pending_acceptance: 'Shared, waiting for {agency} to accept',
  status_needs_manual_step: 'Your step is needed',
  status_failed: 'Could not share',
  status_revoked: 'Removed',
  alreadyShared: 'This was already shared with {agency}: nothing changed.',
  checkAgain: 'Check again',
  scan: 'Scan this QR code with the TikTok app on the phone signed in to the account:',
  openLink: 'Open the link',
  denied: 'You cancelled on {platform}. Connect again when you are ready.',
  connectFailed: '{platform} did not confirm the sign-in. Please try again.',
  loading: 'Loading…',
  language: 'Language',
  level: 'Access level',
  ends: 'Access ends on {date}.',
  done: 'All done. You can close this page.',
  waiting: 'This page updates by itself.',
  guidedIntro:
    'No sign-in is needed for {platform}. Tell us which one below; after you approve you will see the exact steps to follow in {platform}.',
  guided_site_url: 'Your Search Console property (https://www.example.com/ or example.com)',
  guided_channel: 'Your YouTube channel (@handle or its youtube.com address)',
  guided_store: 'Your store address (your-store.myshopify.com)',
  guided_code: 'Collaborator request code (4 digits, if your store uses one)',
  iHaveDoneThis: 'I have done this',
  notThereYet:
    'We cannot see the access for {agency} yet. Check each step above (the email, the property) and press the button again; it can take a minute to show.',
  confirmedByClient: 'Confirmed by you: {platform} has no way for us to check it.',
  confirmedByAgency: 'Marked done by {agency}: {platform} has no way for us to check it.',
  waitingForAgency:
    '{agency} now requests access from its Shopify Partner Dashboard. Accept the request in your Shopify admin when it arrives; {agency} marks it done here.',
  receiptRemoved:
    '{agency} no longer has access to these items: the access was removed when your work together ended. You need not do anything.',
  receiptNothing: 'Nothing was shared with {agency}.',
  nextTitle: 'What happens next',
  nextYou: 'Your turn: follow the steps shown for {count} item(s) below.',
  nextAgency:
    '{agency} must accept the invitation in its own {platform} account ({count} item(s)). You need not do anything for these.',
  nextWorking: 'Latchkey is sharing the rest with {agency}; this takes a few seconds.',
  pendingAgency:
    'Nothing more to do on your side: {agency} must now accept the invitation in {platform}. This page shows it as soon as they do.',
} as const;

export type MessageKey = keyof typeof en;

const es: Record<MessageKey, string> = {
  title: '{agency} solicita acceso',
  intro:
    '{agency} quiere acceso a los elementos siguientes de tu cuenta de empresa de {platform}, para gestionar y medir tus anuncios sin tu contraseña. No se comparte nada hasta que lo apruebes, y puedes retirar el acceso cuando quieras en {platform} Business Center.',
  asked: 'Qué se solicita',
  connect: 'Conectar {platform}',
  connected: '{platform} está conectado.',
  connectAgain: 'Conectar de nuevo',
  agencyNotReady:
    '{agency} aún no ha terminado de conectar su propia cuenta de {platform}, así que todavía no se puede compartir nada. Avísales, por favor, y vuelve a este enlace más tarde.',
  pick: 'Marca lo que quieres compartir',
  pickHint:
    'Estos son los activos que ve tu inicio de sesión de {platform}. Marca los que {agency} puede usar.',
  none: 'No se encontró ningún elemento de tipo {type} en tus Business Centers de {platform}.',
  approve: 'Aprobar y compartir',
  approving: 'Compartiendo…',
  progress: 'Progreso',
  receipt: 'Comprobante',
  receiptIntro: '{agency} tiene ahora acceso a los elementos marcados «{shared}» abajo.',
  status_queued: 'En espera',
  status_running: 'Compartiendo…',
  status_granted: 'Compartido',
  status_pending_acceptance: 'Compartido, esperando a que {agency} acepte',
  status_needs_manual_step: 'Se necesita un paso tuyo',
  status_failed: 'No se pudo compartir',
  status_revoked: 'Retirado',
  alreadyShared: 'Ya estaba compartido con {agency}: no ha cambiado nada.',
  checkAgain: 'Comprobar de nuevo',
  scan: 'Escanea este código QR con la app de TikTok en el teléfono con la sesión de la cuenta:',
  openLink: 'Abrir el enlace',
  denied: 'Cancelaste en {platform}. Vuelve a conectar cuando quieras.',
  connectFailed: '{platform} no confirmó el inicio de sesión. Inténtalo de nuevo.',
  loading: 'Cargando…',
  language: 'Idioma',
  level: 'Nivel de acceso',
  ends: 'El acceso termina el {date}.',
  done: 'Todo listo. Puedes cerrar esta página.',
  waiting: 'Esta página se actualiza sola.',
  guidedIntro:
    'No hace falta iniciar sesión en {platform}. Indica cuál abajo; al aprobar verás los pasos exactos que seguir en {platform}.',
  guided_site_url: 'Tu propiedad de Search Console (https://www.example.com/ o example.com)',
  guided_channel: 'Tu canal de YouTube (@nombre o su dirección youtube.com)',
  guided_store: 'La dirección de tu tienda (tu-tienda.myshopify.com)',
  guided_code: 'Código de solicitud de colaborador (4 dígitos, si tu tienda lo usa)',
  iHaveDoneThis: 'Ya lo he hecho',
  notThereYet:
    'Aún no vemos el acceso de {agency}. Revisa cada paso (el correo, la propiedad) y pulsa el botón de nuevo; puede tardar un minuto.',
  confirmedByClient: 'Confirmado por ti: {platform} no nos permite comprobarlo.',
  confirmedByAgency: 'Marcado como hecho por {agency}: {platform} no nos permite comprobarlo.',
  waitingForAgency:
    '{agency} solicita ahora el acceso desde su Shopify Partner Dashboard. Acepta la solicitud en tu administrador de Shopify cuando llegue; {agency} lo marcará como hecho aquí.',
  receiptRemoved:
    '{agency} ya no tiene acceso a estos elementos: el acceso se retiró al terminar vuestra colaboración. No tienes que hacer nada.',
  receiptNothing: 'No se compartió nada con {agency}.',
  nextTitle: 'Qué pasa ahora',
  nextYou: 'Te toca a ti: sigue los pasos que se muestran para {count} elemento(s) abajo.',
  nextAgency:
    '{agency} debe aceptar la invitación en su propia cuenta de {platform} ({count} elemento(s)). No tienes que hacer nada con estos.',
  nextWorking: 'Latchkey está compartiendo el resto con {agency}; tarda unos segundos.',
  pendingAgency:
    'No tienes que hacer nada más: {agency} debe aceptar ahora la invitación en {platform}. Esta página lo mostrará en cuanto lo haga.',
};

const de: Record<MessageKey, string> = {
  title: '{agency} bittet um Zugriff',
  intro:
    '{agency} möchte Zugriff auf die folgenden Elemente Ihres {platform}-Geschäftskontos, um Ihre Anzeigen ohne Ihr Passwort zu schalten und auszuwerten. Nichts wird geteilt, bevor Sie zustimmen, und Sie können den Zugriff jederzeit im {platform} Business Center entziehen.',
  asked: 'Angefragt',
  connect: '{platform} verbinden',
  connected: '{platform} ist verbunden.',
  connectAgain: 'Erneut verbinden',
  agencyNotReady:
    '{agency} hat das eigene {platform}-Konto noch nicht fertig verbunden, daher kann gerade nichts geteilt werden. Bitte geben Sie Bescheid und öffnen Sie diesen Link später erneut.',
  pick: 'Wählen Sie aus, was Sie teilen',
  pickHint: 'Diese Assets sieht Ihre {platform}-Anmeldung. Haken Sie an, was {agency} nutzen darf.',
  none: 'Kein Element vom Typ {type} in Ihren {platform} Business Centern gefunden.',
  approve: 'Zustimmen und teilen',
  approving: 'Wird geteilt…',
  progress: 'Fortschritt',
  receipt: 'Beleg',
  receiptIntro: '{agency} hat jetzt Zugriff auf die unten mit „{shared}“ markierten Elemente.',
  status_queued: 'Wartet',
  status_running: 'Wird geteilt…',
  status_granted: 'Geteilt',
  status_pending_acceptance: 'Geteilt, wartet auf die Annahme durch {agency}',
  status_needs_manual_step: 'Ihr Schritt ist nötig',
  status_failed: 'Teilen fehlgeschlagen',
  status_revoked: 'Entfernt',
  alreadyShared: 'Das war schon mit {agency} geteilt: nichts geändert.',
  checkAgain: 'Erneut prüfen',
  scan: 'Scannen Sie diesen QR-Code mit der TikTok-App auf dem Telefon, das im Konto angemeldet ist:',
  openLink: 'Link öffnen',
  denied: 'Sie haben bei {platform} abgebrochen. Verbinden Sie erneut, wenn Sie so weit sind.',
  connectFailed: '{platform} hat die Anmeldung nicht bestätigt. Bitte erneut versuchen.',
  loading: 'Wird geladen…',
  language: 'Sprache',
  level: 'Zugriffsstufe',
  ends: 'Der Zugriff endet am {date}.',
  done: 'Fertig. Sie können diese Seite schließen.',
  waiting: 'Diese Seite aktualisiert sich selbst.',
  guidedIntro:
    'Für {platform} ist keine Anmeldung nötig. Geben Sie unten an, welches Konto gemeint ist; nach der Freigabe sehen Sie die genauen Schritte in {platform}.',
  guided_site_url: 'Ihre Search-Console-Property (https://www.example.com/ oder example.com)',
  guided_channel: 'Ihr YouTube-Kanal (@name oder seine youtube.com-Adresse)',
  guided_store: 'Ihre Shop-Adresse (ihr-shop.myshopify.com)',
  guided_code: 'Code für Mitarbeiteranfragen (4 Ziffern, falls Ihr Shop einen nutzt)',
  iHaveDoneThis: 'Erledigt',
  notThereYet:
    'Wir sehen den Zugriff für {agency} noch nicht. Prüfen Sie die Schritte (E-Mail, Property) und drücken Sie erneut; es kann eine Minute dauern.',
  confirmedByClient: 'Von Ihnen bestätigt: {platform} lässt uns das nicht prüfen.',
  confirmedByAgency: 'Von {agency} als erledigt markiert: {platform} lässt uns das nicht prüfen.',
  waitingForAgency:
    '{agency} fragt den Zugriff jetzt über sein Shopify Partner Dashboard an. Nehmen Sie die Anfrage in Ihrem Shopify-Admin an; {agency} markiert es hier als erledigt.',
  receiptRemoved:
    '{agency} hat keinen Zugriff mehr auf diese Elemente: Der Zugriff wurde am Ende Ihrer Zusammenarbeit entfernt. Sie müssen nichts tun.',
  receiptNothing: 'Mit {agency} wurde nichts geteilt.',
  nextTitle: 'Wie es weitergeht',
  nextYou:
    'Sie sind dran: Folgen Sie den Schritten, die unten für {count} Element(e) angezeigt werden.',
  nextAgency:
    '{agency} muss die Einladung im eigenen {platform}-Konto annehmen ({count} Element(e)). Dafür müssen Sie nichts tun.',
  nextWorking: 'Latchkey teilt den Rest mit {agency}; das dauert einige Sekunden.',
  pendingAgency:
    'Für Sie ist nichts mehr zu tun: {agency} muss die Einladung jetzt in {platform} annehmen. Diese Seite zeigt es, sobald das geschehen ist.',
};

const catalogues: Record<Language, Record<MessageKey, string>> = { en, es, de };
const STORAGE_KEY = 'latchkey.language';

/** The language to start with: the stored choice, else the browser's, else English. */
export function initialLanguage(): Language {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'es' || stored === 'de') return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (base === 'en' || base === 'es' || base === 'de') return base;
  }
  return 'en';
}

/** Remembers the visitor's choice. */
export function storeLanguage(language: Language): void {
  window.localStorage.setItem(STORAGE_KEY, language);
}

export type Translate = (key: MessageKey, values?: Record<string, string>) => string;

/** A translate function for one language. */
export function translator(language: Language): Translate {
  return (key, values = {}) =>
    catalogues[language][key].replace(/\{(\w+)\}/g, (_match, name: string) => values[name] ?? '');
}
