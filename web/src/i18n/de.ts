/** The client page in German. */
import type { Catalogue } from './types.ts';

const metaLevels = (view: string, partial: string, full: string) => ({
  view_only: { label: 'Nur ansehen', description: view },
  partial: { label: 'Teilzugriff', description: partial },
  full_control: { label: 'Volle Kontrolle', description: full },
});
const ga4Levels = {
  viewer: { label: 'Betrachter', description: 'Berichte und Konfigurationsdaten ansehen.' },
  analyst: {
    label: 'Analyst',
    description:
      'Wie Betrachter, dazu Explorative Datenanalysen, Zielgruppen und Vergleiche erstellen und teilen.',
  },
  editor: {
    label: 'Bearbeiter',
    description: 'Wie Analyst, dazu Einstellungen und Daten der Property ändern.',
  },
  admin: {
    label: 'Administrator',
    description: 'Volle Kontrolle, einschließlich der Verwaltung, wer Zugriff hat.',
  },
};

export const de: Catalogue = {
  messages: {
    errorNotFound: 'Diesen Link gibt es nicht. Prüfen Sie, ob Sie ihn vollständig kopiert haben.',
    errorExpired: 'Dieser Link ist abgelaufen. Bitten Sie die Agentur um einen neuen.',
    errorWithdrawn: 'Die Agentur hat diesen Link zurückgezogen. Bitten Sie sie um einen neuen.',
    errorTooMany: 'Zu viele Versuche. Warten Sie eine Minute und versuchen Sie es dann erneut.',
    errorUnavailable: 'Die Plattform hat nicht geantwortet: Versuchen Sie es gleich noch einmal.',
    errorGeneric: 'Etwas ist schiefgelaufen. Versuchen Sie es gleich noch einmal.',
    title: '{agency} bittet um Zugriff',
    intro:
      '{agency} möchte Zugriff auf die folgenden Elemente Ihres {platform}-Kontos, um ohne Ihr Passwort an Ihrem Marketing zu arbeiten. Nichts wird geteilt, bevor Sie zustimmen, und Sie können den Zugriff jederzeit unter {place} entziehen.',
    asked: 'Angefragt',
    stepOf: 'Schritt {n} von {total}: {platform}',
    connect: '{platform} verbinden',
    connected: '{platform} ist verbunden.',
    connectAgain: 'Erneut verbinden',
    agencyNotReady:
      '{agency} hat das eigene {platform}-Konto noch nicht fertig verbunden, daher kann gerade nichts geteilt werden. Bitte geben Sie Bescheid und öffnen Sie diesen Link später erneut.',
    pick: 'Wählen Sie aus, was Sie teilen',
    pickHint:
      'Diese Assets sieht Ihre {platform}-Anmeldung. Haken Sie an, was {agency} nutzen darf.',
    none: 'Ihre {platform}-Anmeldung sieht kein Element vom Typ {type}. Verbinden Sie sich erneut mit einem Konto, das es verwaltet, oder fragen Sie {agency}.',
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
    qrAlt: 'QR-Code',
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
    guided_ads_account: 'Ihre X-Werbekonto-ID (z. B. 18ce54d4x5t, in X Ads Manager angezeigt)',
    guided_store: 'Ihre Shop-Adresse (ihr-shop.myshopify.com)',
    guided_code: 'Code für Mitarbeiteranfragen (4 Ziffern, falls Ihr Shop einen nutzt)',
    iHaveDoneThis: 'Erledigt',
    notThereYet:
      'Wir sehen den Zugriff für {agency} noch nicht. Prüfen Sie die Schritte (E-Mail, Property) und drücken Sie erneut; es kann eine Minute dauern.',
    confirmedByClient: 'Von Ihnen bestätigt: {platform} lässt uns das nicht prüfen.',
    confirmedByAgency: 'Von {agency} als erledigt markiert: {platform} lässt uns das nicht prüfen.',
    waitingForAgency:
      '{agency} fragt den Zugriff jetzt über sein Shopify Partner Dashboard an. Nehmen Sie die Anfrage in Ihrem Shopify-Admin an; {agency} markiert es hier als erledigt.',
    pendingAgency:
      'Für Sie ist nichts mehr zu tun: {agency} muss die Einladung jetzt in {platform} annehmen. Diese Seite zeigt es, sobald das geschehen ist.',
    nextWorking: 'Latchkey teilt den Rest mit {agency}; das dauert einige Sekunden.',
    nextAgency:
      '{agency} muss die Einladung im eigenen {platform}-Konto annehmen ({count} Element(e)). Dafür müssen Sie nichts tun.',
    nextYou:
      'Sie sind dran: Folgen Sie den Schritten, die unten für {count} Element(e) angezeigt werden.',
    nextTitle: 'Wie es weitergeht',
    receiptNothing: 'Mit {agency} wurde nichts geteilt.',
    receiptRemoved:
      '{agency} hat keinen Zugriff mehr auf diese Elemente: Der Zugriff wurde am Ende Ihrer Zusammenarbeit entfernt. Sie müssen nichts tun.',
  },
  assets: {
    'business_profile/business_location': {
      label: 'Business Profile-Standort',
      levels: {
        site_manager: {
          label: 'Websitemanager',
          description:
            'Die engste Rolle, die Google für einen Standort noch anbietet (in der API SITE_MANAGER).',
        },
        manager: {
          label: 'Manager',
          description:
            'Profil bearbeiten, auf Rezensionen antworten und Beiträge veröffentlichen; verwaltet nicht, wer Zugriff hat.',
        },
        owner: {
          label: 'Inhaber',
          description: 'Alles, was ein Manager kann, dazu Personen hinzufügen und entfernen.',
        },
      },
    },
    'business_profile/business_account': {
      label: 'Business Profile-Unternehmensgruppe',
      levels: {
        manager: {
          label: 'Manager',
          description:
            'Profil bearbeiten, auf Rezensionen antworten und Beiträge veröffentlichen; verwaltet nicht, wer Zugriff hat.',
        },
        owner: {
          label: 'Inhaber',
          description: 'Alles, was ein Manager kann, dazu Personen hinzufügen und entfernen.',
        },
      },
    },
    'snapchat/ad_account': {
      label: 'Werbekonto',
      levels: {
        reports: {
          label: 'Berichte',
          description: 'Sieht nur Berichte und Ergebnisse; ändert nichts.',
        },
        creative: {
          label: 'Creative',
          description:
            'Lädt Anzeigen und Medien hoch und verwaltet sie; keine Kampagnen, keine Abrechnung.',
        },
        general: {
          label: 'Allgemein',
          description: 'Erstellt und verwaltet Kampagnen, Anzeigengruppen, Anzeigen und Medien.',
        },
        admin: {
          label: 'Administrator',
          description: 'Alles im Werbekonto, auch wer Zugriff hat.',
        },
      },
    },
    'x_ads/x_ads_account': {
      label: 'X-Werbekonto',
      levels: {
        analyst: {
          label: 'Organic Analyst',
          description: 'Sieht organische Analysen und Zielgruppen-Insights; keine Kampagnen.',
        },
        campaign_analyst: {
          label: 'Campaign Analyst',
          description: 'Sieht Kampagnen und ihre Statistiken; ändert nichts.',
        },
        creative_manager: {
          label: 'Creative Manager',
          description: 'Ändert Creatives und sieht Vorschauen; keine Kampagnen.',
        },
        ad_manager: {
          label: 'Ad Manager',
          description:
            'Erstellt und ändert Kampagnen und sieht Statistiken; verwaltet keine Nutzer.',
        },
        account_admin: {
          label: 'Kontoadministrator',
          description:
            'Voller Zugriff, auch Nutzer hinzufügen und entfernen und Einstellungen ändern.',
        },
      },
    },
    'tiktok/advertiser': {
      label: 'Werbekonto',
      levels: {
        ANALYST: { label: 'Analyst', description: 'Kann nur Anzeigen und Daten ansehen.' },
        OPERATOR: {
          label: 'Operator',
          description: 'Kann Kampagnen erstellen und bearbeiten und Daten ansehen.',
        },
        ADMIN: {
          label: 'Administrator',
          description:
            'Verwaltet Finanzen, Einstellungen und Berechtigungen des Kontos und kann Kampagnen erstellen und bearbeiten.',
        },
      },
    },
    'tiktok/tiktok_account': {
      label: 'TikTok-Konto',
      levels: {
        AD_DELIVERY: {
          label: 'Anzeigen schalten',
          description:
            'Mit den Beiträgen des Kontos werben (Spark Ads), ohne das Profil zu verwalten.',
        },
      },
    },
    'tiktok/pixel': {
      label: 'Pixel',
      levels: {
        SHARED: {
          label: 'Geteilt',
          description:
            'Das Pixel für Conversion-Tracking nutzen (TikTok kennt keine Pixel-Rollen).',
        },
      },
    },
    'tiktok/catalog': {
      label: 'Katalog',
      levels: {
        AD_PROMOTE: {
          label: 'In Anzeigen bewerben',
          description: 'Den Katalog in Anzeigen nutzen.',
        },
        ADMIN: { label: 'Administrator', description: 'Den Katalog und seine Produkte verwalten.' },
      },
    },
    'meta/ad_account': {
      label: 'Werbekonto',
      levels: metaLevels(
        'Nur Anzeigen und Leistung ansehen.',
        'Anzeigen erstellen und bearbeiten und die Leistung ansehen.',
        'Das Werbekonto verwalten: Kampagnen, Abrechnung und wer Zugriff hat.',
      ),
    },
    'meta/page': {
      label: 'Facebook-Seite',
      levels: metaLevels(
        'Nur die Statistiken der Seite ansehen.',
        'Als die Seite posten, moderieren, Nachrichten senden und werben.',
        'Alles auf der Seite, auch wer Zugriff hat.',
      ),
    },
    'meta/pixel': {
      label: 'Datensatz (Pixel)',
      levels: metaLevels(
        'Nur Daten ansehen.',
        'In Anzeigen nutzen und Daten ansehen.',
        'In Anzeigen nutzen, Daten ansehen und Events hochladen (Bearbeiten schränkt Meta ein).',
      ),
    },
    'meta/catalog': {
      label: 'Produktkatalog',
      levels: metaLevels(
        'Nur die Katalog-Statistiken ansehen.',
        'Mit dem Katalog werben.',
        'Den Katalog verwalten und damit werben.',
      ),
    },
    'meta/instagram_account': {
      label: 'Instagram-Konto',
      levels: {
        partner: {
          label: 'Partnerzugriff',
          description:
            'Die Agentur wird als Partner hinzugefügt; Sie wählen die Berechtigungen in den Unternehmenseinstellungen.',
        },
      },
    },
    'google_ads/ad_account': {
      label: 'Google Ads-Konto',
      levels: {
        manager_link: {
          label: 'Verknüpfung mit Verwaltungskonto',
          description:
            'Das Konto wird mit dem Verwaltungskonto der Agentur verknüpft; deren Team handelt mit den Rollen, die es in diesem Verwaltungskonto hat.',
        },
      },
    },
    'microsoft_ads/ad_account': {
      label: 'Microsoft Advertising-Konto',
      levels: {
        viewer: {
          label: 'Betrachter (Einladung)',
          description:
            'Eine Person der Agentur wird als Betrachter des Kontos eingeladen: Sie sieht Kampagnen und Berichte, ändert aber nichts. Sie nimmt die Einladung aus der E-Mail von Microsoft an.',
        },
        standard: {
          label: 'Standardbenutzer (Einladung)',
          description:
            'Eine Person der Agentur wird als Standardbenutzer des Kontos eingeladen: Sie verwaltet Kampagnen, aber keine Zahlungsmethoden oder Benutzer. Sie nimmt die Einladung aus der E-Mail von Microsoft an.',
        },
        client_link: {
          label: 'Agenturverknüpfung (Verwaltungskonto)',
          description:
            'Das Konto wird mit dem Verwaltungskonto der Agentur verknüpft: Deren Team verwaltet es mit den Rollen, die es in diesem Verwaltungskonto hat, und Sie bezahlen es weiterhin selbst.',
        },
      },
    },
    'ga4/ga4_account': { label: 'Analytics-Konto', levels: ga4Levels },
    'ga4/ga4_property': { label: 'GA4-Property', levels: ga4Levels },
    'gtm/gtm_account': {
      label: 'Tag Manager-Konto',
      levels: {
        user: {
          label: 'Nutzer',
          description: 'Das Konto sehen; Zugriff auf Container wird je Container vergeben.',
        },
        admin: {
          label: 'Administrator',
          description: 'Das Konto, seine Nutzer und seine Container verwalten.',
        },
      },
    },
    'gtm/gtm_container': {
      label: 'Tag Manager-Container',
      levels: {
        read: { label: 'Lesen', description: 'Tags, Trigger und Variablen sehen.' },
        edit: {
          label: 'Bearbeiten',
          description: 'Lesen, dazu Arbeitsbereiche erstellen und ändern.',
        },
        approve: { label: 'Genehmigen', description: 'Bearbeiten, dazu Versionen erstellen.' },
        publish: {
          label: 'Veröffentlichen',
          description: 'Genehmigen, dazu Versionen auf der Live-Website veröffentlichen.',
        },
      },
    },
    'merchant_center/merchant_account': {
      label: 'Merchant Center-Konto',
      levels: {
        performance_reporting: {
          label: 'Leistung und Statistiken',
          description: 'Nur Leistungsberichte und Statistiken sehen.',
        },
        read_only: {
          label: 'Nur Lesen',
          description: 'Alles sehen, was ein Standardnutzer sieht, und nichts ändern.',
        },
        standard: {
          label: 'Standard',
          description: 'Produkte, Feeds und Einstellungen verwalten, aber keine Nutzer.',
        },
        admin: {
          label: 'Administrator',
          description: 'Standard, dazu Nutzer und verknüpfte Dienste verwalten.',
        },
      },
    },
    'search_console/sc_property': {
      label: 'Search-Console-Property',
      levels: {
        restricted: {
          label: 'Eingeschränkter Nutzer',
          description:
            'Die meisten Daten sehen; keine Einstellungen ändern und keine Nutzer hinzufügen.',
        },
        full: {
          label: 'Uneingeschränkter Nutzer',
          description: 'Alle Daten sehen und einige Aktionen ausführen; keine Nutzer hinzufügen.',
        },
      },
    },
    'youtube/youtube_channel': {
      label: 'YouTube-Kanal',
      levels: {
        viewer: { label: 'Betrachter', description: 'Videos und Statistiken des Kanals sehen.' },
        editor_limited: {
          label: 'Bearbeiter (eingeschränkt)',
          description: 'Bearbeiter, ohne Umsatzdaten.',
        },
        editor: {
          label: 'Bearbeiter',
          description:
            'Videos bearbeiten und hochladen; kann den Kanal nicht löschen und keine Berechtigungen verwalten.',
        },
        manager: { label: 'Manager', description: 'Bearbeiter, dazu Berechtigungen verwalten.' },
      },
    },
    'shopify/shopify_store': {
      label: 'Shopify-Shop (Mitarbeiterzugriff)',
      levels: {
        collaborator: {
          label: 'Mitarbeiter',
          description:
            'Die Berechtigungen, die die Agentur in ihrer Mitarbeiteranfrage anfragt; Sie prüfen sie vor dem Annehmen.',
        },
      },
    },
    'linkedin/ad_account': {
      label: 'LinkedIn-Werbekonto',
      levels: {
        viewer: {
          label: 'Betrachter',
          description: 'Kampagnen und Berichte nur ansehen; nichts erstellen oder ändern.',
        },
        creative_manager: {
          label: 'Creative-Manager',
          description: 'Kampagnen und Berichte sehen sowie Anzeigen erstellen und bearbeiten.',
        },
        campaign_manager: {
          label: 'Kampagnenmanager',
          description: 'Berichte sehen sowie Kampagnen und Anzeigen erstellen und bearbeiten.',
        },
        account_manager: {
          label: 'Kontomanager',
          description:
            'Alles eines Kampagnenmanagers, dazu Kontoeinstellungen und wer Zugriff hat.',
        },
        billing_admin: {
          label: 'Abrechnungsadmin',
          description:
            'Alles, auch die Abrechnung. LinkedIn erlaubt einen Abrechnungsadmin pro Konto: Sie übergeben die Rolle selbst im Campaign Manager.',
        },
      },
    },
    'linkedin/company_page': {
      label: 'LinkedIn-Unternehmensseite',
      levels: {
        admin: {
          label: 'Seitenadmin',
          description:
            'Als Seite posten, sie bearbeiten, Statistiken sehen und Admins verwalten. Sie fügen uns in der Admin-Ansicht der Seite hinzu.',
        },
      },
    },
    'pinterest/ad_account': {
      label: 'Werbekonto',
      levels: {
        analyst: {
          label: 'Analyst',
          description: 'Kampagnen, Ergebnisse und Berichte ansehen; nichts ändern.',
        },
        campaign_manager: {
          label: 'Kampagnenmanager',
          description:
            'Kampagnen, Anzeigengruppen und Anzeigen erstellen und bearbeiten und Ergebnisse ansehen.',
        },
        admin: {
          label: 'Admin',
          description: 'Alles im Werbekonto, einschließlich Abrechnung und Zugriffsrechten.',
        },
      },
    },
    'pinterest/catalog': {
      label: 'Katalog',
      levels: {
        catalogs_viewer: {
          label: 'Katalog-Betrachter',
          description: 'Den Katalog und seine Produktfeeds ansehen.',
        },
        catalogs_manager: {
          label: 'Katalog-Manager',
          description: 'Den Katalog verwalten: Feeds, Produktgruppen und Einstellungen.',
        },
      },
    },
  },
};
