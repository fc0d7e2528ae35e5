/**
 * Why the client cannot share an asset, or why a platform lists nothing, in every language: the
 * connectors say it with a code and values (`platform/code`, src/platforms/<platform>/listing.ts),
 * and the page words it here. A code without words here (a newer platform) shows the connector's
 * own English message.
 */
import type { Language } from './types.ts';

const en = {
  'business_profile/not_owner': 'Only an owner can add people to this (your role: {role}).',
  'business_profile/no_business_profile':
    'This Google account manages no Business Profile locations.',
  'snapchat/not_org_admin':
    'Only an admin of the Snapchat organization "{organization}" can share this ad account: ask one of its admins to open this link, or to make you an admin.',
  'snapchat/no_organizations':
    'The Snapchat account {email} belongs to no organization in Snap Business Manager. Sign in with the account that manages your ads.',
  'snapchat/no_ad_accounts': 'Your Snapchat organizations have no ad account you can see.',
  'tiktok/not_bc_admin':
    'You are not an admin of the Business Center "{business}". Only its admins can share its assets: ask one of them to open this link, or to make you an admin.',
  'tiktok/shared_by_partner':
    '"{business}" was given this asset by {owner}, and shared assets cannot be shared on. Ask {owner} to share it with the agency.',
  'tiktok/advertiser_not_authorized':
    'This ad account was not ticked on TikTok’s consent page. Connect TikTok again and tick it to share it.',
  'tiktok/no_authorized_advertisers':
    'No ad account was authorized on TikTok’s consent page. Connect TikTok again and tick the ad accounts to share; if none are listed there, your TikTok user has no ad accounts, so ask an admin of your Business Center to open this link.',
  'meta/not_business_admin':
    'Only an admin of {business} can share this. Ask an admin to open the link.',
  'meta/no_business': 'This Facebook account has no Business Manager and no ad account we can see.',
  'google_ads/not_admin':
    'Only an admin of this Google Ads account can accept a manager link (your access: {role}).',
  'google_ads/no_ads_accounts': 'This Google account has no Google Ads accounts.',
  'microsoft_ads/role_cannot_link':
    'Only a Super Admin or a Standard user of this Microsoft Advertising account can accept an agency link (your role: {role}).',
  'microsoft_ads/no_accounts':
    'This Microsoft account has no Microsoft Advertising accounts. Sign in with the account that manages your ads.',
  'ga4/not_admin': 'Only an Administrator can share this (your role: {role}).',
  'ga4/no_ga4_accounts': 'This Google account has no Google Analytics accounts.',
  'gtm/not_admin': 'Only a Tag Manager account administrator can share access.',
  'gtm/no_gtm_accounts': 'This Google account has no Tag Manager accounts.',
  'merchant_center/not_admin': 'Only a Merchant Center account admin can share access.',
  'merchant_center/no_merchant_accounts': 'This Google account has no Merchant Center accounts.',
};

export type ReasonKey = keyof typeof en;

/** The words of every reason in every language; the Record type demands each one. */
export const reasons: Readonly<Record<Language, Readonly<Record<ReasonKey, string>>>> = {
  en,
  es: {
    'business_profile/not_owner':
      'Solo un propietario puede añadir personas aquí (tu función: {role}).',
    'business_profile/no_business_profile':
      'Esta cuenta de Google no gestiona ninguna ubicación de Perfil de Empresa.',
    'snapchat/not_org_admin':
      'Solo un administrador de la organización de Snapchat "{organization}" puede compartir esta cuenta publicitaria: pide a uno de ellos que abra este enlace o que te haga administrador.',
    'snapchat/no_organizations':
      'La cuenta de Snapchat {email} no pertenece a ninguna organización en Snap Business Manager. Inicia sesión con la cuenta que gestiona tus anuncios.',
    'snapchat/no_ad_accounts':
      'Tus organizaciones de Snapchat no tienen ninguna cuenta publicitaria que puedas ver.',
    'tiktok/not_bc_admin':
      'No eres administrador del Business Center "{business}". Solo sus administradores pueden compartir sus activos: pide a uno de ellos que abra este enlace o que te haga administrador.',
    'tiktok/shared_by_partner':
      '{owner} dio este activo a "{business}", y los activos compartidos no se pueden volver a compartir. Pide a {owner} que lo comparta con la agencia.',
    'tiktok/advertiser_not_authorized':
      'Esta cuenta publicitaria no se marcó en la página de consentimiento de TikTok. Vuelve a conectar TikTok y márcala para compartirla.',
    'tiktok/no_authorized_advertisers':
      'No se autorizó ninguna cuenta publicitaria en la página de consentimiento de TikTok. Vuelve a conectar TikTok y marca las cuentas que quieres compartir; si no aparece ninguna, tu usuario de TikTok no tiene cuentas publicitarias: pide a un administrador de tu Business Center que abra este enlace.',
    'meta/not_business_admin':
      'Solo un administrador de {business} puede compartir esto. Pide a un administrador que abra el enlace.',
    'meta/no_business':
      'Esta cuenta de Facebook no tiene ningún Business Manager ni ninguna cuenta publicitaria que podamos ver.',
    'google_ads/not_admin':
      'Solo un administrador de esta cuenta de Google Ads puede aceptar un vínculo de administrador (tu acceso: {role}).',
    'google_ads/no_ads_accounts': 'Esta cuenta de Google no tiene cuentas de Google Ads.',
    'microsoft_ads/role_cannot_link':
      'Solo un Super Admin o un usuario estándar de esta cuenta de Microsoft Advertising puede aceptar un vínculo de agencia (tu rol: {role}).',
    'microsoft_ads/no_accounts':
      'Esta cuenta de Microsoft no tiene cuentas de Microsoft Advertising. Inicia sesión con la cuenta que gestiona tus anuncios.',
    'ga4/not_admin': 'Solo un administrador puede compartir esto (tu función: {role}).',
    'ga4/no_ga4_accounts': 'Esta cuenta de Google no tiene cuentas de Google Analytics.',
    'gtm/not_admin': 'Solo un administrador de la cuenta de Tag Manager puede compartir el acceso.',
    'gtm/no_gtm_accounts': 'Esta cuenta de Google no tiene cuentas de Tag Manager.',
    'merchant_center/not_admin':
      'Solo un administrador de la cuenta de Merchant Center puede compartir el acceso.',
    'merchant_center/no_merchant_accounts':
      'Esta cuenta de Google no tiene cuentas de Merchant Center.',
  },
  de: {
    'business_profile/not_owner':
      'Nur ein Inhaber kann hier Personen hinzufügen (Ihre Rolle: {role}).',
    'business_profile/no_business_profile':
      'Dieses Google-Konto verwaltet keine Business Profile-Standorte.',
    'snapchat/not_org_admin':
      'Nur ein Administrator der Snapchat-Organisation „{organization}“ kann dieses Werbekonto teilen: Bitten Sie einen von ihnen, diesen Link zu öffnen oder Sie zum Administrator zu machen.',
    'snapchat/no_organizations':
      'Das Snapchat-Konto {email} gehört zu keiner Organisation im Snap Business Manager. Melden Sie sich mit dem Konto an, das Ihre Anzeigen verwaltet.',
    'snapchat/no_ad_accounts':
      'In Ihren Snapchat-Organisationen ist kein Werbekonto für Sie sichtbar.',
    'tiktok/not_bc_admin':
      'Sie sind kein Admin des Business Centers "{business}". Nur seine Admins können seine Assets teilen: Bitten Sie einen von ihnen, diesen Link zu öffnen, oder Sie zum Admin zu machen.',
    'tiktok/shared_by_partner':
      '{owner} hat "{business}" dieses Asset gegeben, und geteilte Assets lassen sich nicht weiterteilen. Bitten Sie {owner}, es mit der Agentur zu teilen.',
    'tiktok/advertiser_not_authorized':
      'Dieses Werbekonto wurde auf der Zustimmungsseite von TikTok nicht angehakt. Verbinden Sie TikTok erneut und haken Sie es an, um es zu teilen.',
    'tiktok/no_authorized_advertisers':
      'Auf der Zustimmungsseite von TikTok wurde kein Werbekonto freigegeben. Verbinden Sie TikTok erneut und haken Sie die Werbekonten an, die Sie teilen möchten; ist dort keines aufgeführt, hat Ihr TikTok-Nutzer keine Werbekonten: Bitten Sie dann einen Admin Ihres Business Centers, diesen Link zu öffnen.',
    'meta/not_business_admin':
      'Nur ein Admin von {business} kann dies teilen. Bitten Sie einen Admin, den Link zu öffnen.',
    'meta/no_business':
      'Dieses Facebook-Konto hat keinen Business Manager und kein Werbekonto, das wir sehen können.',
    'google_ads/not_admin':
      'Nur ein Admin dieses Google Ads-Kontos kann eine Verwaltungsverknüpfung annehmen (Ihr Zugriff: {role}).',
    'google_ads/no_ads_accounts': 'Dieses Google-Konto hat keine Google Ads-Konten.',
    'microsoft_ads/role_cannot_link':
      'Nur ein Super Admin oder Standardbenutzer dieses Microsoft Advertising-Kontos kann eine Agenturverknüpfung annehmen (Ihre Rolle: {role}).',
    'microsoft_ads/no_accounts':
      'Dieses Microsoft-Konto hat keine Microsoft Advertising-Konten. Melden Sie sich mit dem Konto an, das Ihre Anzeigen verwaltet.',
    'ga4/not_admin': 'Nur ein Administrator kann dies teilen (Ihre Rolle: {role}).',
    'ga4/no_ga4_accounts': 'Dieses Google-Konto hat keine Google Analytics-Konten.',
    'gtm/not_admin': 'Nur ein Administrator des Tag Manager-Kontos kann Zugriff teilen.',
    'gtm/no_gtm_accounts': 'Dieses Google-Konto hat keine Tag Manager-Konten.',
    'merchant_center/not_admin':
      'Nur ein Administrator des Merchant Center-Kontos kann Zugriff teilen.',
    'merchant_center/no_merchant_accounts': 'Dieses Google-Konto hat keine Merchant Center-Konten.',
  },
  fr: {
    'business_profile/not_owner':
      'Seul un propriétaire peut ajouter des personnes ici (votre rôle : {role}).',
    'business_profile/no_business_profile':
      'Ce compte Google ne gère aucun établissement de Fiche d’établissement.',
    'snapchat/not_org_admin':
      'Seul un administrateur de l’organisation Snapchat « {organization} » peut partager ce compte publicitaire : demandez à l’un d’eux d’ouvrir ce lien ou de vous nommer administrateur.',
    'snapchat/no_organizations':
      'Le compte Snapchat {email} n’appartient à aucune organisation dans Snap Business Manager. Connectez-vous avec le compte qui gère vos annonces.',
    'snapchat/no_ad_accounts':
      'Vos organisations Snapchat n’ont aucun compte publicitaire que vous puissiez voir.',
    'tiktok/not_bc_admin':
      'Vous n’êtes pas administrateur du Business Center « {business} ». Seuls ses administrateurs peuvent partager ses éléments : demandez à l’un d’eux d’ouvrir ce lien, ou de vous nommer administrateur.',
    'tiktok/shared_by_partner':
      '{owner} a confié cet élément à « {business} », et un élément partagé ne peut pas être partagé à nouveau. Demandez à {owner} de le partager avec l’agence.',
    'tiktok/advertiser_not_authorized':
      'Ce compte publicitaire n’a pas été coché sur la page de consentement de TikTok. Connectez TikTok à nouveau et cochez-le pour le partager.',
    'tiktok/no_authorized_advertisers':
      'Aucun compte publicitaire n’a été autorisé sur la page de consentement de TikTok. Connectez TikTok à nouveau et cochez les comptes à partager ; s’il n’y en a aucun, votre utilisateur TikTok n’a pas de compte publicitaire : demandez à un administrateur de votre Business Center d’ouvrir ce lien.',
    'meta/not_business_admin':
      'Seul un administrateur de {business} peut partager ceci. Demandez à un administrateur d’ouvrir le lien.',
    'meta/no_business':
      'Ce compte Facebook n’a aucun Business Manager ni aucun compte publicitaire que nous puissions voir.',
    'google_ads/not_admin':
      'Seul un administrateur de ce compte Google Ads peut accepter une association avec un compte administrateur (votre accès : {role}).',
    'google_ads/no_ads_accounts': 'Ce compte Google n’a aucun compte Google Ads.',
    'microsoft_ads/role_cannot_link':
      'Seul un Super Admin ou un utilisateur standard de ce compte Microsoft Advertising peut accepter un lien d’agence (votre rôle : {role}).',
    'microsoft_ads/no_accounts':
      'Ce compte Microsoft n’a aucun compte Microsoft Advertising. Connectez-vous avec le compte qui gère vos annonces.',
    'ga4/not_admin': 'Seul un administrateur peut partager ceci (votre rôle : {role}).',
    'ga4/no_ga4_accounts': 'Ce compte Google n’a aucun compte Google Analytics.',
    'gtm/not_admin': 'Seul un administrateur du compte Tag Manager peut partager l’accès.',
    'gtm/no_gtm_accounts': 'Ce compte Google n’a aucun compte Tag Manager.',
    'merchant_center/not_admin':
      'Seul un administrateur du compte Merchant Center peut partager l’accès.',
    'merchant_center/no_merchant_accounts': 'Ce compte Google n’a aucun compte Merchant Center.',
  },
  it: {
    'business_profile/not_owner':
      'Solo un proprietario può aggiungere persone qui (il tuo ruolo: {role}).',
    'business_profile/no_business_profile':
      'Questo account Google non gestisce sedi del Profilo dell’attività.',
    'snapchat/not_org_admin':
      'Solo un amministratore dell’organizzazione Snapchat "{organization}" può condividere questo account pubblicitario: chiedi a uno di loro di aprire questo link o di renderti amministratore.',
    'snapchat/no_organizations':
      'L’account Snapchat {email} non appartiene a nessuna organizzazione in Snap Business Manager. Accedi con l’account che gestisce i tuoi annunci.',
    'snapchat/no_ad_accounts':
      'Le tue organizzazioni Snapchat non hanno alcun account pubblicitario che tu possa vedere.',
    'tiktok/not_bc_admin':
      'Non sei un amministratore del Business Center "{business}". Solo i suoi amministratori possono condividerne le risorse: chiedi a uno di loro di aprire questo link o di nominarti amministratore.',
    'tiktok/shared_by_partner':
      '{owner} ha dato questa risorsa a "{business}", e le risorse condivise non si possono condividere di nuovo. Chiedi a {owner} di condividerla con l’agenzia.',
    'tiktok/advertiser_not_authorized':
      'Questo account pubblicitario non è stato spuntato nella pagina di consenso di TikTok. Collega di nuovo TikTok e spuntalo per condividerlo.',
    'tiktok/no_authorized_advertisers':
      'Nessun account pubblicitario è stato autorizzato nella pagina di consenso di TikTok. Collega di nuovo TikTok e spunta gli account da condividere; se non ne compare nessuno, il tuo utente TikTok non ha account pubblicitari: chiedi a un amministratore del tuo Business Center di aprire questo link.',
    'meta/not_business_admin':
      'Solo un amministratore di {business} può condividere questo. Chiedi a un amministratore di aprire il link.',
    'meta/no_business':
      'Questo account Facebook non ha alcun Business Manager né alcun account pubblicitario che possiamo vedere.',
    'google_ads/not_admin':
      'Solo un amministratore di questo account Google Ads può accettare un collegamento a un account amministratore (il tuo accesso: {role}).',
    'google_ads/no_ads_accounts': 'Questo account Google non ha account Google Ads.',
    'microsoft_ads/role_cannot_link':
      'Solo un Super Admin o un utente standard di questo account Microsoft Advertising può accettare un collegamento di agenzia (il tuo ruolo: {role}).',
    'microsoft_ads/no_accounts':
      'Questo account Microsoft non ha account Microsoft Advertising. Accedi con l’account che gestisce i tuoi annunci.',
    'ga4/not_admin': 'Solo un amministratore può condividere questo (il tuo ruolo: {role}).',
    'ga4/no_ga4_accounts': 'Questo account Google non ha account Google Analytics.',
    'gtm/not_admin': 'Solo un amministratore dell’account Tag Manager può condividere l’accesso.',
    'gtm/no_gtm_accounts': 'Questo account Google non ha account Tag Manager.',
    'merchant_center/not_admin':
      'Solo un amministratore dell’account Merchant Center può condividere l’accesso.',
    'merchant_center/no_merchant_accounts': 'Questo account Google non ha account Merchant Center.',
  },
  pt: {
    'business_profile/not_owner':
      'Só um proprietário pode adicionar pessoas aqui (sua função: {role}).',
    'business_profile/no_business_profile':
      'Esta conta do Google não gerencia locais do Perfil da Empresa.',
    'snapchat/not_org_admin':
      'Só um administrador da organização do Snapchat "{organization}" pode partilhar esta conta de anúncios: peça a um deles que abra esta ligação ou que o torne administrador.',
    'snapchat/no_organizations':
      'A conta do Snapchat {email} não pertence a nenhuma organização no Snap Business Manager. Inicie sessão com a conta que gere os seus anúncios.',
    'snapchat/no_ad_accounts':
      'As suas organizações do Snapchat não têm nenhuma conta de anúncios que possa ver.',
    'tiktok/not_bc_admin':
      'Você não é administrador do Business Center "{business}". Só os administradores dele podem compartilhar os ativos: peça a um deles que abra este link ou que torne você administrador.',
    'tiktok/shared_by_partner':
      '{owner} deu este ativo a "{business}", e ativos compartilhados não podem ser compartilhados de novo. Peça a {owner} que o compartilhe com a agência.',
    'tiktok/advertiser_not_authorized':
      'Esta conta de anúncios não foi marcada na página de consentimento do TikTok. Conecte o TikTok de novo e marque-a para compartilhá-la.',
    'tiktok/no_authorized_advertisers':
      'Nenhuma conta de anúncios foi autorizada na página de consentimento do TikTok. Conecte o TikTok de novo e marque as contas a compartilhar; se nenhuma aparecer, seu usuário do TikTok não tem contas de anúncios: peça a um administrador do seu Business Center que abra este link.',
    'meta/not_business_admin':
      'Só um administrador de {business} pode compartilhar isto. Peça a um administrador que abra o link.',
    'meta/no_business':
      'Esta conta do Facebook não tem nenhum Business Manager nem nenhuma conta de anúncios que possamos ver.',
    'google_ads/not_admin':
      'Só um administrador desta conta do Google Ads pode aceitar uma vinculação de conta de administrador (seu acesso: {role}).',
    'google_ads/no_ads_accounts': 'Esta conta do Google não tem contas do Google Ads.',
    'microsoft_ads/role_cannot_link':
      'Somente um Super Admin ou um usuário padrão desta conta do Microsoft Advertising pode aceitar um vínculo de agência (sua função: {role}).',
    'microsoft_ads/no_accounts':
      'Esta conta da Microsoft não tem contas do Microsoft Advertising. Entre com a conta que gerencia seus anúncios.',
    'ga4/not_admin': 'Só um administrador pode compartilhar isto (sua função: {role}).',
    'ga4/no_ga4_accounts': 'Esta conta do Google não tem contas do Google Analytics.',
    'gtm/not_admin': 'Só um administrador da conta do Tag Manager pode compartilhar o acesso.',
    'gtm/no_gtm_accounts': 'Esta conta do Google não tem contas do Tag Manager.',
    'merchant_center/not_admin':
      'Só um administrador da conta do Merchant Center pode compartilhar o acesso.',
    'merchant_center/no_merchant_accounts':
      'Esta conta do Google não tem contas do Merchant Center.',
  },
  nl: {
    'business_profile/not_owner':
      'Alleen een eigenaar kan hier mensen toevoegen (jouw rol: {role}).',
    'business_profile/no_business_profile':
      'Dit Google-account beheert geen Bedrijfsprofiel-locaties.',
    'snapchat/not_org_admin':
      'Alleen een beheerder van de Snapchat-organisatie "{organization}" kan dit advertentieaccount delen: vraag een van hen deze link te openen of u beheerder te maken.',
    'snapchat/no_organizations':
      'Het Snapchat-account {email} hoort bij geen enkele organisatie in Snap Business Manager. Meld u aan met het account dat uw advertenties beheert.',
    'snapchat/no_ad_accounts':
      'Uw Snapchat-organisaties hebben geen advertentieaccount dat u kunt zien.',
    'tiktok/not_bc_admin':
      'Je bent geen beheerder van het Business Center "{business}". Alleen de beheerders kunnen de onderdelen ervan delen: vraag een van hen deze link te openen, of je beheerder te maken.',
    'tiktok/shared_by_partner':
      '{owner} heeft dit onderdeel aan "{business}" gegeven, en gedeelde onderdelen kunnen niet verder gedeeld worden. Vraag {owner} het met het bureau te delen.',
    'tiktok/advertiser_not_authorized':
      'Dit advertentieaccount is niet aangevinkt op de toestemmingspagina van TikTok. Verbind TikTok opnieuw en vink het aan om het te delen.',
    'tiktok/no_authorized_advertisers':
      'Er is geen advertentieaccount toegestaan op de toestemmingspagina van TikTok. Verbind TikTok opnieuw en vink de accounts aan die je wilt delen; staat er geen enkel account, dan heeft je TikTok-gebruiker geen advertentieaccounts: vraag een beheerder van je Business Center deze link te openen.',
    'meta/not_business_admin':
      'Alleen een beheerder van {business} kan dit delen. Vraag een beheerder de link te openen.',
    'meta/no_business':
      'Dit Facebook-account heeft geen Business Manager en geen advertentieaccount dat wij kunnen zien.',
    'google_ads/not_admin':
      'Alleen een beheerder van dit Google Ads-account kan een koppeling met een manageraccount accepteren (jouw toegang: {role}).',
    'google_ads/no_ads_accounts': 'Dit Google-account heeft geen Google Ads-accounts.',
    'microsoft_ads/role_cannot_link':
      'Alleen een Super Admin of standaardgebruiker van dit Microsoft Advertising-account kan een bureaukoppeling accepteren (uw rol: {role}).',
    'microsoft_ads/no_accounts':
      'Dit Microsoft-account heeft geen Microsoft Advertising-accounts. Meld u aan met het account dat uw advertenties beheert.',
    'ga4/not_admin': 'Alleen een beheerder kan dit delen (jouw rol: {role}).',
    'ga4/no_ga4_accounts': 'Dit Google-account heeft geen Google Analytics-accounts.',
    'gtm/not_admin': 'Alleen een beheerder van het Tag Manager-account kan toegang delen.',
    'gtm/no_gtm_accounts': 'Dit Google-account heeft geen Tag Manager-accounts.',
    'merchant_center/not_admin':
      'Alleen een beheerder van het Merchant Center-account kan toegang delen.',
    'merchant_center/no_merchant_accounts':
      'Dit Google-account heeft geen Merchant Center-accounts.',
  },
  pl: {
    'business_profile/not_owner': 'Tylko właściciel może tu dodawać osoby (Twoja rola: {role}).',
    'business_profile/no_business_profile':
      'To konto Google nie zarządza żadnymi lokalizacjami w Profilu Firmy.',
    'snapchat/not_org_admin':
      'Tylko administrator organizacji Snapchat „{organization}” może udostępnić to konto reklamowe: poproś jednego z nich o otwarcie tego linku lub o nadanie Ci roli administratora.',
    'snapchat/no_organizations':
      'Konto Snapchat {email} nie należy do żadnej organizacji w Snap Business Manager. Zaloguj się na konto, które zarządza Twoimi reklamami.',
    'snapchat/no_ad_accounts':
      'Twoje organizacje Snapchat nie mają żadnego konta reklamowego, które możesz zobaczyć.',
    'tiktok/not_bc_admin':
      'Nie jesteś administratorem Business Center „{business}”. Tylko jego administratorzy mogą udostępniać jego zasoby: poproś jednego z nich o otwarcie tego linku albo o nadanie Ci roli administratora.',
    'tiktok/shared_by_partner':
      '{owner} przekazał ten zasób do „{business}”, a udostępnionych zasobów nie można udostępniać dalej. Poproś {owner} o udostępnienie go agencji.',
    'tiktok/advertiser_not_authorized':
      'To konto reklamowe nie zostało zaznaczone na stronie zgody TikToka. Połącz TikToka ponownie i zaznacz je, aby je udostępnić.',
    'tiktok/no_authorized_advertisers':
      'Na stronie zgody TikToka nie zatwierdzono żadnego konta reklamowego. Połącz TikToka ponownie i zaznacz konta do udostępnienia; jeśli żadne się tam nie pojawia, Twój użytkownik TikToka nie ma kont reklamowych: poproś administratora swojego Business Center o otwarcie tego linku.',
    'meta/not_business_admin':
      'Tylko administrator {business} może to udostępnić. Poproś administratora o otwarcie linku.',
    'meta/no_business':
      'To konto na Facebooku nie ma Business Managera ani żadnego konta reklamowego, które widzimy.',
    'google_ads/not_admin':
      'Tylko administrator tego konta Google Ads może zaakceptować połączenie z kontem menedżera (Twój dostęp: {role}).',
    'google_ads/no_ads_accounts': 'To konto Google nie ma kont Google Ads.',
    'microsoft_ads/role_cannot_link':
      'Tylko Super Admin lub użytkownik standardowy tego konta Microsoft Advertising może zaakceptować połączenie z agencją (Twoja rola: {role}).',
    'microsoft_ads/no_accounts':
      'To konto Microsoft nie ma kont Microsoft Advertising. Zaloguj się kontem, które zarządza Twoimi reklamami.',
    'ga4/not_admin': 'Tylko administrator może to udostępnić (Twoja rola: {role}).',
    'ga4/no_ga4_accounts': 'To konto Google nie ma kont Google Analytics.',
    'gtm/not_admin': 'Tylko administrator konta Tag Managera może udostępnić dostęp.',
    'gtm/no_gtm_accounts': 'To konto Google nie ma kont Tag Managera.',
    'merchant_center/not_admin':
      'Tylko administrator konta Merchant Center może udostępnić dostęp.',
    'merchant_center/no_merchant_accounts': 'To konto Google nie ma kont Merchant Center.',
  },
};

/** A connector's reason as the API gives it. */
export interface ListingReason {
  readonly code: string;
  readonly message: string;
  readonly values?: Readonly<Record<string, string>>;
}

/** The reason in the page's language; a code without words falls back to the connector's English. */
export function translateReason(
  language: Language,
  platform: string,
  reason: ListingReason,
): string {
  const key = `${platform}/${reason.code}`;
  const words = Object.hasOwn(reasons[language], key)
    ? reasons[language][key as ReasonKey]
    : undefined;
  if (!words) return reason.message;
  // A listing saved before its connector gave values: the English message says it whole.
  const values = reason.values ?? {};
  const names = [...words.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  if (!names.every((name) => Object.hasOwn(values, name))) return reason.message;
  return words.replace(/\{(\w+)\}/g, (_match, name: string) => values[name] ?? '');
}
