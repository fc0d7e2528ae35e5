/** The client page in Italian. */
import type { Catalogue } from './types.ts';

const metaLevels = (view: string, partial: string, full: string) => ({
  view_only: { label: 'Solo visualizzazione', description: view },
  partial: { label: 'Accesso parziale', description: partial },
  full_control: { label: 'Controllo completo', description: full },
});
const ga4Levels = {
  viewer: { label: 'Visualizzatore', description: 'Vedere report e dati di configurazione.' },
  analyst: {
    label: 'Analista',
    description:
      'Visualizzatore, più creare e condividere esplorazioni, segmenti di pubblico e confronti.',
  },
  editor: {
    label: 'Editor',
    description: 'Analista, più modificare impostazioni e dati della proprietà.',
  },
  admin: {
    label: 'Amministratore',
    description: 'Controllo completo, compresa la gestione di chi ha accesso.',
  },
};

export const it: Catalogue = {
  messages: {
    errorNotFound: 'Questo link non esiste. Controlla di averlo copiato per intero.',
    errorExpired: 'Questo link è scaduto. Chiedine uno nuovo all’agenzia.',
    errorWithdrawn: 'L’agenzia ha ritirato questo link. Chiedine uno nuovo.',
    errorTooMany: 'Troppi tentativi. Aspetta un minuto e riprova.',
    errorUnavailable: 'La piattaforma non ha risposto: riprova tra un momento.',
    errorGeneric: 'Qualcosa è andato storto. Riprova tra un momento.',
    title: '{agency} chiede l’accesso',
    intro:
      '{agency} vorrebbe accedere agli elementi qui sotto del tuo account {platform}, per lavorare al tuo marketing senza la tua password. Nulla viene condiviso finché non approvi, e puoi rimuovere l’accesso in qualsiasi momento in {place}.',
    asked: 'Cosa viene chiesto',
    stepOf: 'Passo {n} di {total}: {platform}',
    connect: 'Collega {platform}',
    connected: '{platform} è collegato.',
    connectAgain: 'Collega di nuovo',
    agencyNotReady:
      '{agency} non ha ancora finito di collegare il proprio account {platform}, quindi per ora non si può condividere nulla. Avvisali e torna a questo link più tardi.',
    pick: 'Seleziona cosa condividere',
    pickHint:
      'Questi sono gli asset che vede il tuo accesso a {platform}. Seleziona quelli che {agency} può usare.',
    none: 'Il tuo accesso a {platform} non vede alcun elemento di tipo {type}. Collegati di nuovo con un account che lo gestisce, o chiedi a {agency} cosa fare.',
    approve: 'Approva e condividi',
    approving: 'Condivisione…',
    progress: 'Avanzamento',
    receipt: 'Riepilogo',
    receiptIntro: '{agency} ora ha accesso agli elementi segnati “{shared}” qui sotto.',
    status_queued: 'In attesa di iniziare',
    status_running: 'Condivisione…',
    status_granted: 'Condiviso',
    status_pending_acceptance: 'Condiviso, in attesa che {agency} accetti',
    status_needs_manual_step: 'Serve un tuo passaggio',
    status_failed: 'Condivisione non riuscita',
    status_revoked: 'Rimosso',
    alreadyShared: 'Era già condiviso con {agency}: non è cambiato nulla.',
    checkAgain: 'Controlla di nuovo',
    scan: 'Scansiona questo codice QR con l’app TikTok sul telefono collegato all’account:',
    qrAlt: 'Codice QR',
    openLink: 'Apri il link',
    denied: 'Hai annullato su {platform}. Collegati di nuovo quando sei pronto.',
    connectFailed: '{platform} non ha confermato l’accesso. Riprova.',
    loading: 'Caricamento…',
    language: 'Lingua',
    level: 'Livello di accesso',
    ends: 'L’accesso termina il {date}.',
    done: 'Fatto. Puoi chiudere questa pagina.',
    waiting: 'Questa pagina si aggiorna da sola.',
    guidedIntro:
      'Non serve accedere a {platform}. Indica quale qui sotto; dopo l’approvazione vedrai i passaggi esatti da seguire in {platform}.',
    guided_site_url: 'La tua proprietà Search Console (https://www.example.com/ o example.com)',
    guided_channel: 'Il tuo canale YouTube (@nome o il suo indirizzo youtube.com)',
    guided_ads_account:
      'L’ID del tuo account pubblicitario X (es. 18ce54d4x5t, come mostrato in X Ads Manager)',
    guided_store: 'L’indirizzo del tuo negozio (tuo-negozio.myshopify.com)',
    guided_code: 'Codice di richiesta collaboratore (4 cifre, se il tuo negozio ne usa uno)',
    iHaveDoneThis: 'Fatto',
    notThereYet:
      'Non vediamo ancora l’accesso di {agency}. Controlla ogni passaggio qui sopra (l’email, la proprietà) e premi di nuovo il pulsante; può volerci un minuto.',
    confirmedByClient: 'Confermato da te: {platform} non ci permette di verificarlo.',
    confirmedByAgency: 'Segnato come fatto da {agency}: {platform} non ci permette di verificarlo.',
    waitingForAgency:
      '{agency} ora chiede l’accesso dal suo Shopify Partner Dashboard. Accetta la richiesta nel pannello di Shopify quando arriva; {agency} la segnerà come fatta qui.',
    pendingAgency:
      'Dalla tua parte non c’è altro da fare: ora {agency} deve accettare l’invito in {platform}. Questa pagina lo mostrerà appena lo farà.',
    nextWorking: 'Latchkey sta condividendo il resto con {agency}; ci vuole qualche secondo.',
    nextAgency:
      '{agency} deve accettare l’invito nel proprio account {platform} ({count} elemento/i). Per questi non devi fare nulla.',
    nextYou: 'Tocca a te: segui i passaggi indicati per {count} elemento/i qui sotto.',
    nextTitle: 'Cosa succede ora',
    receiptNothing: 'Non è stato condiviso nulla con {agency}.',
    receiptRemoved:
      '{agency} non ha più accesso a questi elementi: l’accesso è stato rimosso alla fine della vostra collaborazione. Non devi fare nulla.',
  },
  assets: {
    'business_profile/business_location': {
      label: 'Sede del Profilo dell’attività',
      levels: {
        site_manager: {
          label: 'Gestore del sito',
          description:
            'Il ruolo più limitato che Google offre ancora su una sede (SITE_MANAGER nell’API).',
        },
        manager: {
          label: 'Gestore',
          description:
            'Modifica il profilo, risponde alle recensioni e pubblica aggiornamenti; non gestisce chi ha accesso.',
        },
        owner: {
          label: 'Proprietario',
          description: 'Tutto ciò che può fare un gestore, più aggiungere e rimuovere persone.',
        },
      },
    },
    'business_profile/business_account': {
      label: 'Gruppo di attività del Profilo dell’attività',
      levels: {
        manager: {
          label: 'Gestore',
          description:
            'Modifica il profilo, risponde alle recensioni e pubblica aggiornamenti; non gestisce chi ha accesso.',
        },
        owner: {
          label: 'Proprietario',
          description: 'Tutto ciò che può fare un gestore, più aggiungere e rimuovere persone.',
        },
      },
    },
    'snapchat/ad_account': {
      label: 'Account pubblicitario',
      levels: {
        reports: {
          label: 'Report',
          description: 'Vede solo report e risultati; non modifica nulla.',
        },
        creative: {
          label: 'Creatività',
          description: 'Carica e gestisce annunci e media; niente campagne né fatturazione.',
        },
        general: {
          label: 'Generale',
          description: 'Crea e gestisce campagne, gruppi di annunci, annunci e media.',
        },
        admin: {
          label: 'Amministratore',
          description: 'Tutto nell’account pubblicitario, compreso chi ha accesso.',
        },
      },
    },
    'x_ads/x_ads_account': {
      label: 'Account pubblicitario X',
      levels: {
        analyst: {
          label: 'Analista organico',
          description: 'Vede le analisi organiche e gli insight sul pubblico; nessuna campagna.',
        },
        campaign_analyst: {
          label: 'Analista campagne',
          description: 'Vede le campagne e le loro statistiche; non modifica nulla.',
        },
        creative_manager: {
          label: 'Gestore creatività',
          description: 'Modifica le creatività e vede le anteprime; nessuna campagna.',
        },
        ad_manager: {
          label: 'Gestore annunci',
          description: 'Crea e modifica campagne e vede le statistiche; non gestisce gli utenti.',
        },
        account_admin: {
          label: 'Amministratore account',
          description:
            'Accesso completo, anche aggiungere e rimuovere utenti e cambiare le impostazioni.',
        },
      },
    },
    'tiktok/advertiser': {
      label: 'Account pubblicitario',
      levels: {
        ANALYST: { label: 'Analista', description: 'Può solo vedere annunci e dati.' },
        OPERATOR: {
          label: 'Operatore',
          description: 'Può creare e modificare campagne e vedere i dati.',
        },
        ADMIN: {
          label: 'Amministratore',
          description:
            'Gestisce finanze, impostazioni e autorizzazioni dell’account, e può creare e modificare campagne.',
        },
      },
    },
    'tiktok/tiktok_account': {
      label: 'Account TikTok',
      levels: {
        AD_DELIVERY: {
          label: 'Pubblicare annunci',
          description:
            'Fare pubblicità con i post dell’account (Spark Ads) senza gestire il profilo.',
        },
      },
    },
    'tiktok/pixel': {
      label: 'Pixel',
      levels: {
        SHARED: {
          label: 'Condiviso',
          description:
            'Usare il pixel per il monitoraggio delle conversioni (TikTok non ha ruoli per i pixel).',
        },
      },
    },
    'tiktok/catalog': {
      label: 'Catalogo',
      levels: {
        AD_PROMOTE: {
          label: 'Promozione negli annunci',
          description: 'Usare il catalogo negli annunci.',
        },
        ADMIN: { label: 'Amministratore', description: 'Gestire il catalogo e i suoi prodotti.' },
      },
    },
    'meta/ad_account': {
      label: 'Account pubblicitario',
      levels: metaLevels(
        'Vedere solo inserzioni e prestazioni.',
        'Creare e modificare inserzioni e vedere le prestazioni.',
        'Gestire l’account pubblicitario: campagne, fatturazione e chi ha accesso.',
      ),
    },
    'meta/page': {
      label: 'Pagina Facebook',
      levels: metaLevels(
        'Vedere solo le statistiche della Pagina.',
        'Pubblicare, moderare, inviare messaggi e fare pubblicità come Pagina.',
        'Tutto sulla Pagina, compreso chi ha accesso.',
      ),
    },
    'meta/pixel': {
      label: 'Set di dati (pixel)',
      levels: metaLevels(
        'Vedere solo i dati.',
        'Usare nelle inserzioni e vedere i dati.',
        'Usare nelle inserzioni, vedere i dati e caricare eventi (Meta limita la modifica).',
      ),
    },
    'meta/catalog': {
      label: 'Catalogo prodotti',
      levels: metaLevels(
        'Vedere solo le statistiche del catalogo.',
        'Fare pubblicità con il catalogo.',
        'Gestire il catalogo e fare pubblicità con esso.',
      ),
    },
    'meta/instagram_account': {
      label: 'Account Instagram',
      levels: {
        partner: {
          label: 'Accesso partner',
          description:
            'L’agenzia viene aggiunta come partner; scegli tu le autorizzazioni nelle impostazioni aziendali.',
        },
      },
    },
    'google_ads/ad_account': {
      label: 'Account Google Ads',
      levels: {
        manager_link: {
          label: 'Collegamento all’account amministratore',
          description:
            'L’account viene collegato all’account amministratore dell’agenzia; il suo team agisce con i ruoli che ha in quell’account amministratore.',
        },
      },
    },
    'microsoft_ads/ad_account': {
      label: 'Account Microsoft Advertising',
      levels: {
        viewer: {
          label: 'Visualizzatore (invito)',
          description:
            'Una persona dell’agenzia viene invitata come visualizzatore dell’account: vede campagne e report, ma non modifica nulla. Accetta l’invito dall’email di Microsoft.',
        },
        standard: {
          label: 'Utente standard (invito)',
          description:
            'Una persona dell’agenzia viene invitata come utente standard dell’account: gestisce le campagne, ma non i metodi di pagamento né gli utenti. Accetta l’invito dall’email di Microsoft.',
        },
        client_link: {
          label: 'Collegamento agenzia (account amministratore)',
          description:
            'L’account viene collegato all’account amministratore dell’agenzia: il suo team lo gestisce con i ruoli che ha in quell’account, e tu continui a pagarlo.',
        },
      },
    },
    'ga4/ga4_account': { label: 'Account Analytics', levels: ga4Levels },
    'ga4/ga4_property': { label: 'Proprietà GA4', levels: ga4Levels },
    'gtm/gtm_account': {
      label: 'Account Tag Manager',
      levels: {
        user: {
          label: 'Utente',
          description:
            'Vedere l’account; l’accesso ai contenitori si dà contenitore per contenitore.',
        },
        admin: {
          label: 'Amministratore',
          description: 'Gestire l’account, i suoi utenti e i suoi contenitori.',
        },
      },
    },
    'gtm/gtm_container': {
      label: 'Contenitore Tag Manager',
      levels: {
        read: { label: 'Lettura', description: 'Vedere tag, attivatori e variabili.' },
        edit: {
          label: 'Modifica',
          description: 'Lettura, più creare e modificare aree di lavoro.',
        },
        approve: { label: 'Approvazione', description: 'Modifica, più creare versioni.' },
        publish: {
          label: 'Pubblicazione',
          description: 'Approvazione, più pubblicare versioni sul sito live.',
        },
      },
    },
    'merchant_center/merchant_account': {
      label: 'Account Merchant Center',
      levels: {
        performance_reporting: {
          label: 'Rendimento e approfondimenti',
          description: 'Vedere solo i report sul rendimento e gli approfondimenti.',
        },
        read_only: {
          label: 'Sola lettura',
          description: 'Vedere tutto ciò che vede un utente standard, senza modificare nulla.',
        },
        standard: {
          label: 'Standard',
          description: 'Gestire prodotti, feed e impostazioni, ma non gli utenti.',
        },
        admin: {
          label: 'Amministratore',
          description: 'Standard, più la gestione di utenti e servizi collegati.',
        },
      },
    },
    'search_console/sc_property': {
      label: 'Proprietà Search Console',
      levels: {
        restricted: {
          label: 'Utente con limitazioni',
          description:
            'Vedere la maggior parte dei dati; non può cambiare le impostazioni né aggiungere utenti.',
        },
        full: {
          label: 'Utente con accesso completo',
          description: 'Vedere tutti i dati e compiere alcune azioni; non può aggiungere utenti.',
        },
      },
    },
    'youtube/youtube_channel': {
      label: 'Canale YouTube',
      levels: {
        viewer: {
          label: 'Visualizzatore',
          description: 'Vedere i video e le statistiche del canale.',
        },
        editor_limited: {
          label: 'Editor (limitato)',
          description: 'Editor, senza i dati sulle entrate.',
        },
        editor: {
          label: 'Editor',
          description:
            'Modificare e caricare video; non può eliminare il canale né gestire le autorizzazioni.',
        },
        manager: { label: 'Gestore', description: 'Editor, più gestire le autorizzazioni.' },
      },
    },
    'shopify/shopify_store': {
      label: 'Negozio Shopify (accesso collaboratore)',
      levels: {
        collaborator: {
          label: 'Collaboratore',
          description:
            'Le autorizzazioni che l’agenzia chiede nella sua richiesta di collaborazione; le controlli prima di accettare.',
        },
      },
    },
    'linkedin/ad_account': {
      label: 'Account pubblicitario LinkedIn',
      levels: {
        viewer: {
          label: 'Visualizzatore',
          description: 'Solo vedere campagne e report; non si può creare né modificare nulla.',
        },
        creative_manager: {
          label: 'Creative manager',
          description: 'Vedere campagne e report, e creare e modificare annunci.',
        },
        campaign_manager: {
          label: 'Campaign manager',
          description: 'Vedere i report, e creare e modificare campagne e annunci.',
        },
        account_manager: {
          label: 'Account manager',
          description:
            'Tutto ciò che fa un campaign manager, più le impostazioni dell’account e chi vi accede.',
        },
        billing_admin: {
          label: 'Amministratore della fatturazione',
          description:
            'Tutto, fatturazione compresa. LinkedIn consente un amministratore della fatturazione per account: lo cedete voi in Campaign Manager.',
        },
      },
    },
    'linkedin/company_page': {
      label: 'Pagina aziendale LinkedIn',
      levels: {
        admin: {
          label: 'Amministratore della pagina',
          description:
            'Pubblicare come la pagina, modificarla, vederne le statistiche e gestirne gli amministratori. Ci aggiungete voi nella vista amministratore della pagina.',
        },
      },
    },
    'pinterest/ad_account': {
      label: 'Account pubblicitario',
      levels: {
        analyst: {
          label: 'Analista',
          description: 'Vedere campagne, risultati e report; senza modificare nulla.',
        },
        campaign_manager: {
          label: 'Gestore campagne',
          description:
            'Creare e modificare campagne, gruppi di annunci e annunci, e vedere i risultati.',
        },
        admin: {
          label: 'Amministratore',
          description: 'Tutto nell’account pubblicitario, compresi fatturazione e accessi.',
        },
      },
    },
    'pinterest/catalog': {
      label: 'Catalogo',
      levels: {
        catalogs_viewer: {
          label: 'Visualizzatore del catalogo',
          description: 'Vedere il catalogo e i suoi feed di prodotti.',
        },
        catalogs_manager: {
          label: 'Gestore del catalogo',
          description: 'Gestire il catalogo: feed, gruppi di prodotti e impostazioni.',
        },
      },
    },
  },
};
