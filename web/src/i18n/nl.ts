/** The client page in Dutch. */
import type { Catalogue } from './types.ts';

const metaLevels = (view: string, partial: string, full: string) => ({
  view_only: { label: 'Alleen bekijken', description: view },
  partial: { label: 'Gedeeltelijke toegang', description: partial },
  full_control: { label: 'Volledige controle', description: full },
});
const ga4Levels = {
  viewer: { label: 'Kijker', description: 'Rapporten en configuratiegegevens bekijken.' },
  analyst: {
    label: 'Analist',
    description: 'Kijker, plus verkenningen, doelgroepen en vergelijkingen maken en delen.',
  },
  editor: {
    label: 'Bewerker',
    description: 'Analist, plus instellingen en gegevens van de property wijzigen.',
  },
  admin: {
    label: 'Beheerder',
    description: 'Volledige controle, ook over wie toegang heeft.',
  },
};

export const nl: Catalogue = {
  messages: {
    errorNotFound: 'Deze link bestaat niet. Controleer of je hem volledig hebt gekopieerd.',
    errorExpired: 'Deze link is verlopen. Vraag het bureau om een nieuwe.',
    errorWithdrawn: 'Het bureau heeft deze link ingetrokken. Vraag om een nieuwe.',
    errorTooMany: 'Te veel pogingen. Wacht een minuut en probeer het dan opnieuw.',
    errorUnavailable: 'Het platform antwoordde niet: probeer het zo opnieuw.',
    errorGeneric: 'Er ging iets mis. Probeer het zo opnieuw.',
    title: '{agency} vraagt om toegang',
    intro:
      '{agency} wil toegang tot de onderstaande onderdelen van je {platform}-account, om zonder je wachtwoord aan je marketing te werken. Er wordt niets gedeeld tot je akkoord geeft, en je kunt de toegang altijd intrekken in {place}.',
    asked: 'Wat er gevraagd wordt',
    stepOf: 'Stap {n} van {total}: {platform}',
    connect: '{platform} koppelen',
    connected: '{platform} is gekoppeld.',
    connectAgain: 'Opnieuw koppelen',
    agencyNotReady:
      '{agency} heeft het eigen {platform}-account nog niet helemaal gekoppeld, dus er kan nu niets gedeeld worden. Laat het hen weten en kom later terug naar deze link.',
    pick: 'Vink aan wat je deelt',
    pickHint:
      'Dit zijn de onderdelen die je {platform}-login ziet. Vink aan wat {agency} mag gebruiken.',
    none: 'Je {platform}-login ziet geen {type}. Koppel opnieuw met een account dat het beheert, of vraag {agency} wat je moet doen.',
    approve: 'Akkoord en delen',
    approving: 'Bezig met delen…',
    progress: 'Voortgang',
    receipt: 'Bevestiging',
    receiptIntro:
      '{agency} heeft nu toegang tot de onderdelen die hieronder met “{shared}” zijn gemarkeerd.',
    status_queued: 'Wacht op start',
    status_running: 'Bezig met delen…',
    status_granted: 'Gedeeld',
    status_pending_acceptance: 'Gedeeld, wacht tot {agency} accepteert',
    status_needs_manual_step: 'Er is een stap van jou nodig',
    status_failed: 'Delen mislukt',
    status_revoked: 'Verwijderd',
    alreadyShared: 'Dit was al gedeeld met {agency}: er is niets veranderd.',
    checkAgain: 'Opnieuw controleren',
    scan: 'Scan deze QR-code met de TikTok-app op de telefoon die op het account is ingelogd:',
    qrAlt: 'QR-code',
    openLink: 'Link openen',
    denied: 'Je hebt geannuleerd bij {platform}. Koppel opnieuw wanneer je zover bent.',
    connectFailed: '{platform} heeft de login niet bevestigd. Probeer het opnieuw.',
    loading: 'Laden…',
    language: 'Taal',
    level: 'Toegangsniveau',
    ends: 'De toegang eindigt op {date}.',
    done: 'Klaar. Je kunt deze pagina sluiten.',
    waiting: 'Deze pagina werkt zichzelf bij.',
    guidedIntro:
      'Inloggen bij {platform} is niet nodig. Geef hieronder aan welke het is; na je akkoord zie je de precieze stappen in {platform}.',
    guided_site_url: 'Je Search Console-property (https://www.example.com/ of example.com)',
    guided_channel: 'Je YouTube-kanaal (@naam of het youtube.com-adres)',
    guided_ads_account:
      'De ID van je X-advertentieaccount (bijv. 18ce54d4x5t, zoals X Ads Manager die toont)',
    guided_store: 'Het adres van je winkel (jouw-winkel.myshopify.com)',
    guided_code: 'Code voor samenwerkingsverzoeken (4 cijfers, als je winkel er een gebruikt)',
    iHaveDoneThis: 'Ik heb dit gedaan',
    notThereYet:
      'We zien de toegang voor {agency} nog niet. Controleer elke stap hierboven (de e-mail, de property) en druk nog eens op de knop; het kan een minuut duren.',
    confirmedByClient: 'Door jou bevestigd: {platform} laat ons dit niet controleren.',
    confirmedByAgency:
      'Door {agency} als klaar gemarkeerd: {platform} laat ons dit niet controleren.',
    waitingForAgency:
      '{agency} vraagt nu toegang aan via het Shopify Partner Dashboard. Accepteer het verzoek in je Shopify-beheer zodra het binnenkomt; {agency} markeert het hier als klaar.',
    pendingAgency:
      'Voor jou is er niets meer te doen: {agency} moet nu de uitnodiging accepteren in {platform}. Deze pagina laat het zien zodra dat gebeurd is.',
    nextWorking: 'Latchkey deelt de rest met {agency}; dit duurt een paar seconden.',
    nextAgency:
      '{agency} moet de uitnodiging accepteren in het eigen {platform}-account ({count} onderdeel/onderdelen). Hiervoor hoef jij niets te doen.',
    nextYou: 'Jouw beurt: volg de stappen die hieronder staan voor {count} onderdeel/onderdelen.',
    nextTitle: 'Wat er nu gebeurt',
    receiptNothing: 'Er is niets gedeeld met {agency}.',
    receiptRemoved:
      '{agency} heeft geen toegang meer tot deze onderdelen: de toegang is ingetrokken toen jullie samenwerking eindigde. Je hoeft niets te doen.',
  },
  assets: {
    'business_profile/business_location': {
      label: 'Bedrijfsprofiel-locatie',
      levels: {
        site_manager: {
          label: 'Sitebeheerder',
          description:
            'De beperkteste rol die Google nog biedt op een locatie (SITE_MANAGER in de API).',
        },
        manager: {
          label: 'Beheerder',
          description:
            'Bewerkt het profiel, reageert op reviews en plaatst updates; beheert niet wie toegang heeft.',
        },
        owner: {
          label: 'Eigenaar',
          description: 'Alles wat een beheerder kan, plus mensen toevoegen en verwijderen.',
        },
      },
    },
    'business_profile/business_account': {
      label: 'Bedrijfsgroep in Bedrijfsprofiel',
      levels: {
        manager: {
          label: 'Beheerder',
          description:
            'Bewerkt het profiel, reageert op reviews en plaatst updates; beheert niet wie toegang heeft.',
        },
        owner: {
          label: 'Eigenaar',
          description: 'Alles wat een beheerder kan, plus mensen toevoegen en verwijderen.',
        },
      },
    },
    'snapchat/ad_account': {
      label: 'Advertentieaccount',
      levels: {
        reports: {
          label: 'Rapporten',
          description: 'Ziet alleen rapporten en resultaten; wijzigt niets.',
        },
        creative: {
          label: 'Creatief',
          description: 'Uploadt en beheert advertenties en media; geen campagnes of facturering.',
        },
        general: {
          label: 'Algemeen',
          description: 'Maakt en beheert campagnes, advertentiesets, advertenties en media.',
        },
        admin: {
          label: 'Beheerder',
          description: 'Alles in het advertentieaccount, ook wie toegang heeft.',
        },
      },
    },
    'x_ads/x_ads_account': {
      label: 'X-advertentieaccount',
      levels: {
        analyst: {
          label: 'Organisch analist',
          description: 'Ziet organische analyses en doelgroepinzichten; geen campagnes.',
        },
        campaign_analyst: {
          label: 'Campagne-analist',
          description: 'Ziet campagnes en hun statistieken; wijzigt niets.',
        },
        creative_manager: {
          label: 'Creative manager',
          description: 'Wijzigt creatives en ziet voorbeelden; geen campagnes.',
        },
        ad_manager: {
          label: 'Advertentiemanager',
          description: 'Maakt en wijzigt campagnes en ziet statistieken; beheert geen gebruikers.',
        },
        account_admin: {
          label: 'Accountbeheerder',
          description:
            'Volledige toegang, ook gebruikers toevoegen en verwijderen en instellingen wijzigen.',
        },
      },
    },
    'tiktok/advertiser': {
      label: 'Advertentieaccount',
      levels: {
        ANALYST: { label: 'Analist', description: 'Kan alleen advertenties en gegevens bekijken.' },
        OPERATOR: {
          label: 'Operator',
          description: 'Kan campagnes maken en bewerken en gegevens bekijken.',
        },
        ADMIN: {
          label: 'Beheerder',
          description:
            'Beheert financiën, instellingen en rechten van het account, en kan campagnes maken en bewerken.',
        },
      },
    },
    'tiktok/tiktok_account': {
      label: 'TikTok-account',
      levels: {
        AD_DELIVERY: {
          label: 'Advertenties tonen',
          description:
            'Adverteren met de berichten van het account (Spark Ads) zonder het profiel te beheren.',
        },
      },
    },
    'tiktok/pixel': {
      label: 'Pixel',
      levels: {
        SHARED: {
          label: 'Gedeeld',
          description: 'De pixel gebruiken om conversies te meten (TikTok kent geen pixelrollen).',
        },
      },
    },
    'tiktok/catalog': {
      label: 'Catalogus',
      levels: {
        AD_PROMOTE: {
          label: 'Promoten in advertenties',
          description: 'De catalogus in advertenties gebruiken.',
        },
        ADMIN: { label: 'Beheerder', description: 'De catalogus en de producten beheren.' },
      },
    },
    'meta/ad_account': {
      label: 'Advertentieaccount',
      levels: metaLevels(
        'Alleen advertenties en resultaten bekijken.',
        'Advertenties maken en bewerken, en resultaten bekijken.',
        'Het advertentieaccount beheren: campagnes, facturering en wie toegang heeft.',
      ),
    },
    'meta/page': {
      label: 'Facebook-pagina',
      levels: metaLevels(
        'Alleen de statistieken van de pagina bekijken.',
        'Posten, modereren, berichten sturen en adverteren als de pagina.',
        'Alles op de pagina, ook wie toegang heeft.',
      ),
    },
    'meta/pixel': {
      label: 'Dataset (pixel)',
      levels: metaLevels(
        'Alleen gegevens bekijken.',
        'Gebruiken in advertenties en gegevens bekijken.',
        'Gebruiken in advertenties, gegevens bekijken en events uploaden (Meta beperkt bewerken).',
      ),
    },
    'meta/catalog': {
      label: 'Productcatalogus',
      levels: metaLevels(
        'Alleen de statistieken van de catalogus bekijken.',
        'Adverteren met de catalogus.',
        'De catalogus beheren en ermee adverteren.',
      ),
    },
    'meta/instagram_account': {
      label: 'Instagram-account',
      levels: {
        partner: {
          label: 'Partnertoegang',
          description:
            'Het bureau wordt als partner toegevoegd; jij vinkt de rechten aan in de bedrijfsinstellingen.',
        },
      },
    },
    'google_ads/ad_account': {
      label: 'Google Ads-account',
      levels: {
        manager_link: {
          label: 'Koppeling aan manageraccount',
          description:
            'Het account wordt gekoppeld aan het manageraccount van het bureau; hun team werkt met de rollen die het in dat manageraccount heeft.',
        },
      },
    },
    'microsoft_ads/ad_account': {
      label: 'Microsoft Advertising-account',
      levels: {
        viewer: {
          label: 'Kijker (uitnodiging)',
          description:
            'Iemand van het bureau wordt uitgenodigd als kijker van het account: die ziet campagnes en rapporten, maar wijzigt niets. Die accepteert de uitnodiging vanuit de e-mail van Microsoft.',
        },
        standard: {
          label: 'Standaardgebruiker (uitnodiging)',
          description:
            'Iemand van het bureau wordt uitgenodigd als standaardgebruiker van het account: die beheert campagnes, maar geen betaalmethoden of gebruikers. Die accepteert de uitnodiging vanuit de e-mail van Microsoft.',
        },
        client_link: {
          label: 'Bureaukoppeling (beheerdersaccount)',
          description:
            'Het account wordt gekoppeld aan het beheerdersaccount van het bureau: het team beheert het met de rollen die het in dat account heeft, en u blijft er zelf voor betalen.',
        },
      },
    },
    'ga4/ga4_account': { label: 'Analytics-account', levels: ga4Levels },
    'ga4/ga4_property': { label: 'GA4-property', levels: ga4Levels },
    'gtm/gtm_account': {
      label: 'Tag Manager-account',
      levels: {
        user: {
          label: 'Gebruiker',
          description: 'Het account zien; toegang tot containers wordt per container gegeven.',
        },
        admin: {
          label: 'Beheerder',
          description: 'Het account, de gebruikers en de containers beheren.',
        },
      },
    },
    'gtm/gtm_container': {
      label: 'Tag Manager-container',
      levels: {
        read: { label: 'Lezen', description: 'De tags, triggers en variabelen zien.' },
        edit: { label: 'Bewerken', description: 'Lezen, plus werkruimten maken en wijzigen.' },
        approve: { label: 'Goedkeuren', description: 'Bewerken, plus versies maken.' },
        publish: {
          label: 'Publiceren',
          description: 'Goedkeuren, plus versies op de live site publiceren.',
        },
      },
    },
    'merchant_center/merchant_account': {
      label: 'Merchant Center-account',
      levels: {
        performance_reporting: {
          label: 'Prestaties en inzichten',
          description: 'Alleen prestatierapporten en inzichten bekijken.',
        },
        read_only: {
          label: 'Alleen lezen',
          description: 'Alles zien wat een standaardgebruiker ziet, zonder iets te wijzigen.',
        },
        standard: {
          label: 'Standaard',
          description: 'Producten, feeds en instellingen beheren, maar geen gebruikers.',
        },
        admin: {
          label: 'Beheerder',
          description: 'Standaard, plus gebruikers en gekoppelde services beheren.',
        },
      },
    },
    'search_console/sc_property': {
      label: 'Search Console-property',
      levels: {
        restricted: {
          label: 'Beperkte gebruiker',
          description:
            'De meeste gegevens zien; kan geen instellingen wijzigen of gebruikers toevoegen.',
        },
        full: {
          label: 'Volledige gebruiker',
          description:
            'Alle gegevens zien en sommige acties uitvoeren; kan geen gebruikers toevoegen.',
        },
      },
    },
    'youtube/youtube_channel': {
      label: 'YouTube-kanaal',
      levels: {
        viewer: { label: 'Kijker', description: 'De video’s en statistieken van het kanaal zien.' },
        editor_limited: {
          label: 'Bewerker (beperkt)',
          description: 'Bewerker, zonder opbrengstgegevens.',
        },
        editor: {
          label: 'Bewerker',
          description:
            'Video’s bewerken en uploaden; kan het kanaal niet verwijderen en geen rechten beheren.',
        },
        manager: { label: 'Beheerder', description: 'Bewerker, plus rechten beheren.' },
      },
    },
    'shopify/shopify_store': {
      label: 'Shopify-winkel (medewerkerstoegang)',
      levels: {
        collaborator: {
          label: 'Medewerker',
          description:
            'De rechten die het bureau vraagt in zijn samenwerkingsverzoek; je bekijkt ze voordat je accepteert.',
        },
      },
    },
    'linkedin/ad_account': {
      label: 'LinkedIn-advertentieaccount',
      levels: {
        viewer: {
          label: 'Kijker',
          description: 'Alleen campagnes en rapporten bekijken; niets maken of wijzigen.',
        },
        creative_manager: {
          label: 'Creatievenbeheerder',
          description: 'Campagnes en rapporten bekijken, en advertenties maken en bewerken.',
        },
        campaign_manager: {
          label: 'Campagnebeheerder',
          description: 'Rapporten bekijken, en campagnes en advertenties maken en bewerken.',
        },
        account_manager: {
          label: 'Accountbeheerder',
          description:
            'Alles van een campagnebeheerder, plus de accountinstellingen en wie toegang heeft.',
        },
        billing_admin: {
          label: 'Factuurbeheerder',
          description:
            'Alles, ook de facturering. LinkedIn staat één factuurbeheerder per account toe: u draagt de rol zelf over in Campaign Manager.',
        },
      },
    },
    'linkedin/company_page': {
      label: 'LinkedIn-bedrijfspagina',
      levels: {
        admin: {
          label: 'Paginabeheerder',
          description:
            'Als de pagina posten, haar bewerken, statistieken zien en beheerders beheren. U voegt ons toe in de beheerdersweergave van de pagina.',
        },
      },
    },
    'pinterest/ad_account': {
      label: 'Advertentieaccount',
      levels: {
        analyst: {
          label: 'Analist',
          description: 'Campagnes, resultaten en rapporten bekijken; niets wijzigen.',
        },
        campaign_manager: {
          label: 'Campagnebeheerder',
          description:
            'Campagnes, advertentiegroepen en advertenties maken en bewerken, en resultaten bekijken.',
        },
        admin: {
          label: 'Beheerder',
          description:
            'Alles in het advertentieaccount, inclusief facturering en wie toegang heeft.',
        },
      },
    },
    'pinterest/catalog': {
      label: 'Catalogus',
      levels: {
        catalogs_viewer: {
          label: 'Catalogusviewer',
          description: 'De catalogus en de productfeeds bekijken.',
        },
        catalogs_manager: {
          label: 'Catalogusbeheerder',
          description: 'De catalogus beheren: feeds, productgroepen en instellingen.',
        },
      },
    },
  },
};
