/**
 * The languages Latchkey speaks to clients, and the words the server writes to them (the link
 * email, its reminders, the text of a re-request). The client page's own words live in
 * web/src/i18n, one catalogue per language, with the same eight languages.
 */

/** Every language a request can be sent in; English is the default. */
export const clientLanguages = ['en', 'es', 'de', 'fr', 'it', 'pt', 'nl', 'pl'] as const;
export type ClientLanguage = (typeof clientLanguages)[number];

/** Whether a stored or typed value is one of the languages. */
export function isClientLanguage(value: unknown): value is ClientLanguage {
  return typeof value === 'string' && (clientLanguages as readonly string[]).includes(value);
}

/** The words of the link email and the re-request, with `{agency}` and `{assets}` placeholders. */
export interface ClientEmailWords {
  readonly subjectFirst: string;
  readonly subjectReminder: string;
  readonly hello: string;
  readonly openingFirst: string;
  readonly openingReminder: string;
  readonly writes: string;
  readonly steps: string;
  readonly button: string;
  readonly personal: string;
  readonly rerequest: string;
}

/** The words in every language; the Record type makes the compiler demand each one. */
export const clientEmailWords: Readonly<Record<ClientLanguage, ClientEmailWords>> = {
  en: {
    subjectFirst: '{agency} asks for access to your marketing accounts',
    subjectReminder: 'Reminder: {agency} is waiting for access to your marketing accounts',
    hello: 'Hello,',
    openingFirst: '{agency} would like access to some of your marketing accounts.',
    openingReminder: '{agency} is still waiting for access to some of your marketing accounts.',
    writes: '{agency} writes:',
    steps:
      'Open the link, sign in to each platform, pick the accounts and approve. ' +
      'You never share a password, and you can remove the access at any time in each platform.',
    button: 'Give access',
    personal: 'This link is personal: do not forward it.',
    rerequest:
      'Some access you granted earlier was removed or lowered. This link asks for exactly those assets again: {assets}.',
  },
  es: {
    subjectFirst: '{agency} solicita acceso a tus cuentas de marketing',
    subjectReminder: 'Recordatorio: {agency} sigue esperando acceso a tus cuentas de marketing',
    hello: 'Hola:',
    openingFirst: '{agency} quiere acceder a algunas de tus cuentas de marketing.',
    openingReminder: '{agency} sigue esperando acceso a algunas de tus cuentas de marketing.',
    writes: '{agency} escribe:',
    steps:
      'Abre el enlace, inicia sesión en cada plataforma, elige las cuentas y aprueba. ' +
      'Nunca compartes una contraseña y puedes retirar el acceso en cualquier momento en cada plataforma.',
    button: 'Dar acceso',
    personal: 'Este enlace es personal: no lo reenvíes.',
    rerequest:
      'Se retiró o redujo parte del acceso que concediste antes. Este enlace vuelve a pedir exactamente esos activos: {assets}.',
  },
  de: {
    subjectFirst: '{agency} bittet um Zugriff auf Ihre Marketing-Konten',
    subjectReminder: 'Erinnerung: {agency} wartet noch auf Zugriff auf Ihre Marketing-Konten',
    hello: 'Guten Tag,',
    openingFirst: '{agency} möchte auf einige Ihrer Marketing-Konten zugreifen.',
    openingReminder: '{agency} wartet noch auf Zugriff auf einige Ihrer Marketing-Konten.',
    writes: '{agency} schreibt:',
    steps:
      'Öffnen Sie den Link, melden Sie sich bei jeder Plattform an, wählen Sie die Konten aus und bestätigen Sie. ' +
      'Sie geben nie ein Passwort weiter und können den Zugriff jederzeit in der jeweiligen Plattform entziehen.',
    button: 'Zugriff gewähren',
    personal: 'Dieser Link ist persönlich: Bitte leiten Sie ihn nicht weiter.',
    rerequest:
      'Ein Teil des Zugriffs, den Sie früher gewährt haben, wurde entfernt oder eingeschränkt. Dieser Link fragt genau diese Assets erneut an: {assets}.',
  },
  fr: {
    subjectFirst: '{agency} demande l’accès à vos comptes marketing',
    subjectReminder: 'Rappel : {agency} attend toujours l’accès à vos comptes marketing',
    hello: 'Bonjour,',
    openingFirst: '{agency} souhaite accéder à certains de vos comptes marketing.',
    openingReminder: '{agency} attend toujours l’accès à certains de vos comptes marketing.',
    writes: '{agency} écrit :',
    steps:
      'Ouvrez le lien, connectez-vous à chaque plateforme, choisissez les comptes et approuvez. ' +
      'Vous ne partagez jamais de mot de passe et vous pouvez retirer l’accès à tout moment dans chaque plateforme.',
    button: 'Donner l’accès',
    personal: 'Ce lien est personnel : ne le transférez pas.',
    rerequest:
      'Une partie de l’accès que vous aviez accordé a été retirée ou réduite. Ce lien demande à nouveau exactement ces éléments : {assets}.',
  },
  it: {
    subjectFirst: '{agency} chiede l’accesso ai tuoi account di marketing',
    subjectReminder: 'Promemoria: {agency} attende ancora l’accesso ai tuoi account di marketing',
    hello: 'Ciao,',
    openingFirst: '{agency} vorrebbe accedere ad alcuni dei tuoi account di marketing.',
    openingReminder: '{agency} attende ancora l’accesso ad alcuni dei tuoi account di marketing.',
    writes: '{agency} scrive:',
    steps:
      'Apri il link, accedi a ogni piattaforma, scegli gli account e approva. ' +
      'Non condividi mai una password e puoi rimuovere l’accesso in qualsiasi momento da ogni piattaforma.',
    button: 'Concedi l’accesso',
    personal: 'Questo link è personale: non inoltrarlo.',
    rerequest:
      'Parte dell’accesso che avevi concesso è stata rimossa o ridotta. Questo link richiede di nuovo esattamente queste risorse: {assets}.',
  },
  pt: {
    subjectFirst: '{agency} pede acesso às suas contas de marketing',
    subjectReminder: 'Lembrete: {agency} ainda aguarda acesso às suas contas de marketing',
    hello: 'Olá,',
    openingFirst: '{agency} gostaria de acessar algumas das suas contas de marketing.',
    openingReminder: '{agency} ainda aguarda acesso a algumas das suas contas de marketing.',
    writes: '{agency} escreve:',
    steps:
      'Abra o link, entre em cada plataforma, escolha as contas e aprove. ' +
      'Você nunca compartilha uma senha e pode remover o acesso a qualquer momento em cada plataforma.',
    button: 'Dar acesso',
    personal: 'Este link é pessoal: não o encaminhe.',
    rerequest:
      'Parte do acesso que você concedeu antes foi removida ou reduzida. Este link pede novamente exatamente estes ativos: {assets}.',
  },
  nl: {
    subjectFirst: '{agency} vraagt toegang tot je marketingaccounts',
    subjectReminder: 'Herinnering: {agency} wacht nog op toegang tot je marketingaccounts',
    hello: 'Hallo,',
    openingFirst: '{agency} wil graag toegang tot een aantal van je marketingaccounts.',
    openingReminder: '{agency} wacht nog op toegang tot een aantal van je marketingaccounts.',
    writes: '{agency} schrijft:',
    steps:
      'Open de link, log in bij elk platform, kies de accounts en keur goed. ' +
      'Je deelt nooit een wachtwoord en je kunt de toegang op elk moment in elk platform weer intrekken.',
    button: 'Toegang geven',
    personal: 'Deze link is persoonlijk: stuur hem niet door.',
    rerequest:
      'Een deel van de toegang die je eerder gaf, is verwijderd of beperkt. Deze link vraagt precies die onderdelen opnieuw: {assets}.',
  },
  pl: {
    subjectFirst: '{agency} prosi o dostęp do Twoich kont marketingowych',
    subjectReminder: 'Przypomnienie: {agency} nadal czeka na dostęp do Twoich kont marketingowych',
    hello: 'Dzień dobry,',
    openingFirst: '{agency} chce uzyskać dostęp do niektórych Twoich kont marketingowych.',
    openingReminder: '{agency} nadal czeka na dostęp do niektórych Twoich kont marketingowych.',
    writes: '{agency} pisze:',
    steps:
      'Otwórz link, zaloguj się na każdej platformie, wybierz konta i zatwierdź. ' +
      'Nigdy nie podajesz hasła, a dostęp możesz w każdej chwili usunąć na każdej platformie.',
    button: 'Przyznaj dostęp',
    personal: 'Ten link jest osobisty: nie przekazuj go dalej.',
    rerequest:
      'Część dostępu przyznanego wcześniej została usunięta lub ograniczona. Ten link ponownie prosi dokładnie o te zasoby: {assets}.',
  },
};

/** One of the words with its placeholders filled (a missing value leaves the text empty there). */
export function clientWords(
  language: ClientLanguage,
  key: keyof ClientEmailWords,
  values: { readonly agency?: string; readonly assets?: string } = {},
): string {
  return clientEmailWords[language][key].replace(/\{(agency|assets)\}/g, (_m, name: string) =>
    name === 'agency' ? (values.agency ?? '') : (values.assets ?? ''),
  );
}
