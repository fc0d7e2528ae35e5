/** The client page in Polish. */
import type { Catalogue } from './types.ts';

const metaLevels = (view: string, partial: string, full: string) => ({
  view_only: { label: 'Tylko podgląd', description: view },
  partial: { label: 'Częściowy dostęp', description: partial },
  full_control: { label: 'Pełna kontrola', description: full },
});
const ga4Levels = {
  viewer: { label: 'Przeglądający', description: 'Przeglądanie raportów i danych konfiguracji.' },
  analyst: {
    label: 'Analityk',
    description:
      'Jak przeglądający, a do tego tworzenie i udostępnianie eksploracji, odbiorców i porównań.',
  },
  editor: {
    label: 'Edytujący',
    description: 'Jak analityk, a do tego zmiana ustawień i danych usługi.',
  },
  admin: {
    label: 'Administrator',
    description: 'Pełna kontrola, w tym zarządzanie tym, kto ma dostęp.',
  },
};

export const pl: Catalogue = {
  messages: {
    errorNotFound: 'Ten link nie istnieje. Sprawdź, czy skopiowano go w całości.',
    errorExpired: 'Ten link wygasł. Poproś agencję o nowy.',
    errorWithdrawn: 'Agencja wycofała ten link. Poproś ją o nowy.',
    errorTooMany: 'Zbyt wiele prób. Odczekaj minutę i spróbuj ponownie.',
    errorUnavailable: 'Platforma nie odpowiedziała: spróbuj ponownie za chwilę.',
    errorGeneric: 'Coś poszło nie tak. Spróbuj ponownie za chwilę.',
    title: '{agency} prosi o dostęp',
    intro:
      '{agency} prosi o dostęp do poniższych elementów Twojego konta {platform}, aby pracować nad Twoim marketingiem bez Twojego hasła. Nic nie zostanie udostępnione bez Twojej zgody, a dostęp możesz w każdej chwili odebrać w {place}.',
    asked: 'O co chodzi',
    stepOf: 'Krok {n} z {total}: {platform}',
    connect: 'Połącz {platform}',
    connected: '{platform}: połączono.',
    connectAgain: 'Połącz ponownie',
    agencyNotReady:
      '{agency} nie dokończyła jeszcze łączenia własnego konta {platform}, więc na razie nie można niczego udostępnić. Daj im znać i wróć do tego linku później.',
    pick: 'Zaznacz, co udostępnić',
    pickHint:
      'To zasoby widoczne po zalogowaniu do {platform}. Zaznacz te, z których {agency} może korzystać.',
    none: 'Twoje logowanie do {platform} nie widzi żadnego elementu typu {type}. Połącz ponownie z kontem, które nim zarządza, albo zapytaj {agency}, co zrobić.',
    approve: 'Zatwierdź i udostępnij',
    approving: 'Udostępnianie…',
    progress: 'Postęp',
    receipt: 'Potwierdzenie',
    receiptIntro: '{agency} ma teraz dostęp do elementów oznaczonych poniżej jako „{shared}”.',
    status_queued: 'Czeka na start',
    status_running: 'Udostępnianie…',
    status_granted: 'Udostępniono',
    status_pending_acceptance: 'Udostępniono, czeka na akceptację przez {agency}',
    status_needs_manual_step: 'Potrzebny jest Twój krok',
    status_failed: 'Nie udało się udostępnić',
    status_revoked: 'Usunięto',
    alreadyShared: 'To było już udostępnione {agency}: nic się nie zmieniło.',
    checkAgain: 'Sprawdź ponownie',
    scan: 'Zeskanuj ten kod QR aplikacją TikTok na telefonie zalogowanym na to konto:',
    qrAlt: 'Kod QR',
    openLink: 'Otwórz link',
    denied: 'Anulowano w {platform}. Połącz ponownie, gdy będziesz gotowy.',
    connectFailed: '{platform} nie potwierdził logowania. Spróbuj ponownie.',
    loading: 'Wczytywanie…',
    language: 'Język',
    level: 'Poziom dostępu',
    ends: 'Dostęp kończy się {date}.',
    done: 'Gotowe. Możesz zamknąć tę stronę.',
    waiting: 'Ta strona odświeża się sama.',
    guidedIntro:
      'Logowanie do {platform} nie jest potrzebne. Wskaż poniżej, o które chodzi; po zatwierdzeniu zobaczysz dokładne kroki do wykonania w {platform}.',
    guided_site_url: 'Twoja usługa w Search Console (https://www.example.com/ lub example.com)',
    guided_channel: 'Twój kanał YouTube (@nazwa lub jego adres youtube.com)',
    guided_ads_account:
      'Identyfikator Twojego konta reklamowego X (np. 18ce54d4x5t, jak pokazuje X Ads Manager)',
    guided_store: 'Adres Twojego sklepu (twoj-sklep.myshopify.com)',
    guided_code: 'Kod prośby o współpracę (4 cyfry, jeśli Twój sklep go używa)',
    iHaveDoneThis: 'Zrobione',
    notThereYet:
      'Nie widzimy jeszcze dostępu dla {agency}. Sprawdź każdy krok powyżej (e-mail, usługę) i naciśnij przycisk ponownie; może to potrwać minutę.',
    confirmedByClient: 'Potwierdzone przez Ciebie: {platform} nie pozwala nam tego sprawdzić.',
    confirmedByAgency:
      'Oznaczone jako zrobione przez {agency}: {platform} nie pozwala nam tego sprawdzić.',
    waitingForAgency:
      '{agency} prosi teraz o dostęp ze swojego Shopify Partner Dashboard. Zaakceptuj prośbę w panelu Shopify, gdy przyjdzie; {agency} oznaczy to tutaj jako zrobione.',
    pendingAgency:
      'Po Twojej stronie nie ma nic więcej do zrobienia: {agency} musi teraz zaakceptować zaproszenie w {platform}. Ta strona pokaże to, gdy tylko to zrobi.',
    nextWorking: 'Latchkey udostępnia resztę {agency}; to potrwa kilka sekund.',
    nextAgency:
      '{agency} musi zaakceptować zaproszenie na własnym koncie {platform} (elementy: {count}). Ty nie musisz nic z nimi robić.',
    nextYou: 'Twoja kolej: wykonaj kroki pokazane poniżej dla elementów: {count}.',
    nextTitle: 'Co dalej',
    receiptNothing: 'Nic nie zostało udostępnione {agency}.',
    receiptRemoved:
      '{agency} nie ma już dostępu do tych elementów: dostęp odebrano po zakończeniu współpracy. Nie musisz nic robić.',
  },
  assets: {
    'business_profile/business_location': {
      label: 'Lokalizacja w Profilu Firmy',
      levels: {
        site_manager: {
          label: 'Menedżer witryny',
          description:
            'Najwęższa rola, jaką Google wciąż oferuje dla lokalizacji (w API SITE_MANAGER).',
        },
        manager: {
          label: 'Menedżer',
          description:
            'Edytuje profil, odpowiada na opinie i publikuje posty; nie zarządza tym, kto ma dostęp.',
        },
        owner: {
          label: 'Właściciel',
          description: 'Wszystko, co menedżer, a do tego dodawanie i usuwanie osób.',
        },
      },
    },
    'business_profile/business_account': {
      label: 'Grupa firm w Profilu Firmy',
      levels: {
        manager: {
          label: 'Menedżer',
          description:
            'Edytuje profil, odpowiada na opinie i publikuje posty; nie zarządza tym, kto ma dostęp.',
        },
        owner: {
          label: 'Właściciel',
          description: 'Wszystko, co menedżer, a do tego dodawanie i usuwanie osób.',
        },
      },
    },
    'snapchat/ad_account': {
      label: 'Konto reklamowe',
      levels: {
        reports: {
          label: 'Raporty',
          description: 'Widzi tylko raporty i wyniki; niczego nie zmienia.',
        },
        creative: {
          label: 'Kreacje',
          description:
            'Przesyła reklamy i multimedia oraz nimi zarządza; bez kampanii i rozliczeń.',
        },
        general: {
          label: 'Ogólny',
          description: 'Tworzy kampanie, zestawy reklam, reklamy i multimedia oraz nimi zarządza.',
        },
        admin: {
          label: 'Administrator',
          description: 'Wszystko na koncie reklamowym, w tym to, kto ma dostęp.',
        },
      },
    },
    'x_ads/x_ads_account': {
      label: 'Konto reklamowe X',
      levels: {
        analyst: {
          label: 'Analityk organiczny',
          description: 'Widzi analizy organiczne i dane o odbiorcach; bez kampanii.',
        },
        campaign_analyst: {
          label: 'Analityk kampanii',
          description: 'Widzi kampanie i ich statystyki; niczego nie zmienia.',
        },
        creative_manager: {
          label: 'Menedżer kreacji',
          description: 'Zmienia kreacje i widzi podglądy; bez kampanii.',
        },
        ad_manager: {
          label: 'Menedżer reklam',
          description:
            'Tworzy i zmienia kampanie oraz widzi statystyki; nie zarządza użytkownikami.',
        },
        account_admin: {
          label: 'Administrator konta',
          description:
            'Pełny dostęp, także dodawanie i usuwanie użytkowników oraz zmiana ustawień.',
        },
      },
    },
    'tiktok/advertiser': {
      label: 'Konto reklamowe',
      levels: {
        ANALYST: { label: 'Analityk', description: 'Może tylko przeglądać reklamy i dane.' },
        OPERATOR: {
          label: 'Operator',
          description: 'Może tworzyć i edytować kampanie oraz przeglądać dane.',
        },
        ADMIN: {
          label: 'Administrator',
          description:
            'Zarządza finansami, ustawieniami i uprawnieniami konta oraz może tworzyć i edytować kampanie.',
        },
      },
    },
    'tiktok/tiktok_account': {
      label: 'Konto TikTok',
      levels: {
        AD_DELIVERY: {
          label: 'Emisja reklam',
          description: 'Reklamowanie się postami konta (Spark Ads) bez zarządzania profilem.',
        },
      },
    },
    'tiktok/pixel': {
      label: 'Piksel',
      levels: {
        SHARED: {
          label: 'Udostępniony',
          description:
            'Korzystanie z piksela do śledzenia konwersji (TikTok nie ma ról dla pikseli).',
        },
      },
    },
    'tiktok/catalog': {
      label: 'Katalog',
      levels: {
        AD_PROMOTE: {
          label: 'Promocja w reklamach',
          description: 'Korzystanie z katalogu w reklamach.',
        },
        ADMIN: { label: 'Administrator', description: 'Zarządzanie katalogiem i jego produktami.' },
      },
    },
    'meta/ad_account': {
      label: 'Konto reklamowe',
      levels: metaLevels(
        'Tylko przeglądanie reklam i ich wyników.',
        'Tworzenie i edytowanie reklam oraz przeglądanie wyników.',
        'Zarządzanie kontem reklamowym: kampanie, rozliczenia i dostęp.',
      ),
    },
    'meta/page': {
      label: 'Strona na Facebooku',
      levels: metaLevels(
        'Tylko przeglądanie statystyk strony.',
        'Publikowanie, moderowanie, wysyłanie wiadomości i reklamowanie się jako strona.',
        'Wszystko na stronie, w tym zarządzanie dostępem.',
      ),
    },
    'meta/pixel': {
      label: 'Zbiór danych (piksel)',
      levels: metaLevels(
        'Tylko przeglądanie danych.',
        'Korzystanie w reklamach i przeglądanie danych.',
        'Korzystanie w reklamach, przeglądanie danych i przesyłanie zdarzeń (Meta ogranicza edycję).',
      ),
    },
    'meta/catalog': {
      label: 'Katalog produktów',
      levels: metaLevels(
        'Tylko przeglądanie statystyk katalogu.',
        'Reklamowanie się katalogiem.',
        'Zarządzanie katalogiem i reklamowanie się nim.',
      ),
    },
    'meta/instagram_account': {
      label: 'Konto na Instagramie',
      levels: {
        partner: {
          label: 'Dostęp partnera',
          description:
            'Agencja zostaje dodana jako partner; uprawnienia zaznaczasz w ustawieniach firmy.',
        },
      },
    },
    'google_ads/ad_account': {
      label: 'Konto Google Ads',
      levels: {
        manager_link: {
          label: 'Połączenie z kontem menedżera',
          description:
            'Konto zostaje połączone z kontem menedżera agencji; jej zespół działa z rolami, które ma na tym koncie menedżera.',
        },
      },
    },
    'microsoft_ads/ad_account': {
      label: 'Konto Microsoft Advertising',
      levels: {
        viewer: {
          label: 'Przeglądający (zaproszenie)',
          description:
            'Osoba z agencji zostaje zaproszona jako przeglądający konta: widzi kampanie i raporty, ale niczego nie zmienia. Akceptuje zaproszenie z e-maila od Microsoft.',
        },
        standard: {
          label: 'Użytkownik standardowy (zaproszenie)',
          description:
            'Osoba z agencji zostaje zaproszona jako użytkownik standardowy konta: zarządza kampaniami, ale nie metodami płatności ani użytkownikami. Akceptuje zaproszenie z e-maila od Microsoft.',
        },
        client_link: {
          label: 'Połączenie z agencją (konto menedżera)',
          description:
            'Konto zostaje połączone z kontem menedżera agencji: jej zespół zarządza nim z rolami, które ma na tym koncie, a Ty nadal za nie płacisz.',
        },
      },
    },
    'ga4/ga4_account': { label: 'Konto Analytics', levels: ga4Levels },
    'ga4/ga4_property': { label: 'Usługa GA4', levels: ga4Levels },
    'gtm/gtm_account': {
      label: 'Konto Menedżera tagów',
      levels: {
        user: {
          label: 'Użytkownik',
          description: 'Widok konta; dostęp do kontenerów nadaje się osobno dla każdego kontenera.',
        },
        admin: {
          label: 'Administrator',
          description: 'Zarządzanie kontem, jego użytkownikami i kontenerami.',
        },
      },
    },
    'gtm/gtm_container': {
      label: 'Kontener Menedżera tagów',
      levels: {
        read: { label: 'Odczyt', description: 'Podgląd tagów, reguł i zmiennych.' },
        edit: {
          label: 'Edycja',
          description: 'Odczyt, a do tego tworzenie i zmiana obszarów roboczych.',
        },
        approve: { label: 'Zatwierdzanie', description: 'Edycja, a do tego tworzenie wersji.' },
        publish: {
          label: 'Publikowanie',
          description: 'Zatwierdzanie, a do tego publikowanie wersji w działającej witrynie.',
        },
      },
    },
    'merchant_center/merchant_account': {
      label: 'Konto Merchant Center',
      levels: {
        performance_reporting: {
          label: 'Skuteczność i statystyki',
          description: 'Wyświetlanie tylko raportów skuteczności i statystyk.',
        },
        read_only: {
          label: 'Tylko odczyt',
          description:
            'Wgląd we wszystko, co widzi użytkownik standardowy, bez wprowadzania zmian.',
        },
        standard: {
          label: 'Standardowy',
          description:
            'Zarządzanie produktami, plikami danych i ustawieniami, ale nie użytkownikami.',
        },
        admin: {
          label: 'Administrator',
          description: 'Standardowy oraz zarządzanie użytkownikami i połączonymi usługami.',
        },
      },
    },
    'search_console/sc_property': {
      label: 'Usługa w Search Console',
      levels: {
        restricted: {
          label: 'Użytkownik z ograniczeniami',
          description: 'Widok większości danych; bez zmiany ustawień i dodawania użytkowników.',
        },
        full: {
          label: 'Pełny użytkownik',
          description: 'Widok wszystkich danych i niektóre działania; bez dodawania użytkowników.',
        },
      },
    },
    'youtube/youtube_channel': {
      label: 'Kanał YouTube',
      levels: {
        viewer: { label: 'Widz', description: 'Podgląd filmów i statystyk kanału.' },
        editor_limited: {
          label: 'Edytujący (ograniczony)',
          description: 'Edytujący, bez danych o przychodach.',
        },
        editor: {
          label: 'Edytujący',
          description:
            'Edytowanie i przesyłanie filmów; bez usuwania kanału i zarządzania uprawnieniami.',
        },
        manager: {
          label: 'Menedżer',
          description: 'Edytujący, a do tego zarządzanie uprawnieniami.',
        },
      },
    },
    'shopify/shopify_store': {
      label: 'Sklep Shopify (dostęp współpracownika)',
      levels: {
        collaborator: {
          label: 'Współpracownik',
          description:
            'Uprawnienia, o które agencja prosi w prośbie o współpracę; sprawdzasz je przed akceptacją.',
        },
      },
    },
    'linkedin/ad_account': {
      label: 'Konto reklamowe LinkedIn',
      levels: {
        viewer: {
          label: 'Przeglądający',
          description: 'Tylko podgląd kampanii i raportów; nic nie można tworzyć ani zmieniać.',
        },
        creative_manager: {
          label: 'Menedżer kreacji',
          description: 'Podgląd kampanii i raportów oraz tworzenie i edycja reklam.',
        },
        campaign_manager: {
          label: 'Menedżer kampanii',
          description: 'Podgląd raportów oraz tworzenie i edycja kampanii i reklam.',
        },
        account_manager: {
          label: 'Menedżer konta',
          description: 'Wszystko, co menedżer kampanii, oraz ustawienia konta i to, kto ma dostęp.',
        },
        billing_admin: {
          label: 'Administrator rozliczeń',
          description:
            'Wszystko, łącznie z rozliczeniami. LinkedIn pozwala na jednego administratora rozliczeń na konto: przekazują go Państwo sami w Campaign Manager.',
        },
      },
    },
    'linkedin/company_page': {
      label: 'Strona firmowa LinkedIn',
      levels: {
        admin: {
          label: 'Administrator strony',
          description:
            'Publikowanie jako strona, jej edycja, statystyki i zarządzanie administratorami. Dodają nas Państwo w widoku administratora strony.',
        },
      },
    },
    'pinterest/ad_account': {
      label: 'Konto reklamowe',
      levels: {
        analyst: {
          label: 'Analityk',
          description: 'Przeglądanie kampanii, wyników i raportów; bez zmian.',
        },
        campaign_manager: {
          label: 'Menedżer kampanii',
          description:
            'Tworzenie i edycja kampanii, grup reklam i reklam oraz przeglądanie wyników.',
        },
        admin: {
          label: 'Administrator',
          description: 'Wszystko na koncie reklamowym, w tym rozliczenia i dostęp.',
        },
      },
    },
    'pinterest/catalog': {
      label: 'Katalog',
      levels: {
        catalogs_viewer: {
          label: 'Przeglądający katalog',
          description: 'Przeglądanie katalogu i jego plików produktowych.',
        },
        catalogs_manager: {
          label: 'Menedżer katalogu',
          description: 'Zarządzanie katalogiem: pliki produktowe, grupy produktów i ustawienia.',
        },
      },
    },
  },
};
