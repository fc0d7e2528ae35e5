/** The client page in French. */
import type { Catalogue } from './types.ts';

const metaLevels = (view: string, partial: string, full: string) => ({
  view_only: { label: 'Lecture seule', description: view },
  partial: { label: 'Accès partiel', description: partial },
  full_control: { label: 'Contrôle total', description: full },
});
const ga4Levels = {
  viewer: { label: 'Lecteur', description: 'Voir les rapports et les données de configuration.' },
  analyst: {
    label: 'Analyste',
    description:
      'Lecteur, et en plus créer et partager des explorations, audiences et comparaisons.',
  },
  editor: {
    label: 'Éditeur',
    description: 'Analyste, et en plus modifier les paramètres et les données de la propriété.',
  },
  admin: {
    label: 'Administrateur',
    description: 'Contrôle total, y compris la gestion des accès.',
  },
};

export const fr: Catalogue = {
  messages: {
    errorNotFound: 'Ce lien n’existe pas. Vérifiez que vous l’avez copié en entier.',
    errorExpired: 'Ce lien a expiré. Demandez-en un nouveau à l’agence.',
    errorWithdrawn: 'L’agence a retiré ce lien. Demandez-lui-en un nouveau.',
    errorTooMany: 'Trop de tentatives. Attendez une minute, puis réessayez.',
    errorUnavailable: 'La plateforme n’a pas répondu : réessayez dans un instant.',
    errorGeneric: 'Un problème est survenu. Réessayez dans un instant.',
    title: '{agency} demande un accès',
    intro:
      '{agency} souhaite accéder aux éléments ci-dessous de votre compte {platform}, pour travailler sur votre marketing sans votre mot de passe. Rien n’est partagé avant votre accord, et vous pouvez retirer l’accès à tout moment dans {place}.',
    asked: 'Ce qui est demandé',
    stepOf: 'Étape {n} sur {total} : {platform}',
    connect: 'Connecter {platform}',
    connected: '{platform} est connecté.',
    connectAgain: 'Se reconnecter',
    agencyNotReady:
      '{agency} n’a pas encore fini de connecter son propre compte {platform} : rien ne peut être partagé pour l’instant. Prévenez-les, puis revenez sur ce lien plus tard.',
    pick: 'Cochez ce que vous partagez',
    pickHint:
      'Voici les éléments que voit votre connexion {platform}. Cochez ceux que {agency} peut utiliser.',
    none: 'Votre connexion {platform} ne voit aucun élément de type {type}. Reconnectez-vous avec un compte qui le gère, ou demandez à {agency} que faire.',
    approve: 'Approuver et partager',
    approving: 'Partage en cours…',
    progress: 'Avancement',
    receipt: 'Récapitulatif',
    receiptIntro: '{agency} a désormais accès aux éléments marqués « {shared} » ci-dessous.',
    status_queued: 'En attente',
    status_running: 'Partage en cours…',
    status_granted: 'Partagé',
    status_pending_acceptance: 'Partagé, en attente d’acceptation par {agency}',
    status_needs_manual_step: 'Une action de votre part est nécessaire',
    status_failed: 'Partage impossible',
    status_revoked: 'Retiré',
    alreadyShared: 'C’était déjà partagé avec {agency} : rien n’a changé.',
    checkAgain: 'Vérifier à nouveau',
    scan: 'Scannez ce QR code avec l’application TikTok sur le téléphone connecté au compte :',
    qrAlt: 'QR code',
    openLink: 'Ouvrir le lien',
    denied: 'Vous avez annulé sur {platform}. Reconnectez-vous quand vous voulez.',
    connectFailed: '{platform} n’a pas confirmé la connexion. Veuillez réessayer.',
    loading: 'Chargement…',
    language: 'Langue',
    level: 'Niveau d’accès',
    ends: 'L’accès prend fin le {date}.',
    done: 'Terminé. Vous pouvez fermer cette page.',
    waiting: 'Cette page se met à jour toute seule.',
    guidedIntro:
      'Aucune connexion à {platform} n’est nécessaire. Indiquez lequel ci-dessous ; après votre accord, vous verrez les étapes exactes à suivre dans {platform}.',
    guided_site_url: 'Votre propriété Search Console (https://www.example.com/ ou example.com)',
    guided_channel: 'Votre chaîne YouTube (@identifiant ou son adresse youtube.com)',
    guided_ads_account:
      'L’identifiant de votre compte publicitaire X (ex. 18ce54d4x5t, tel qu’affiché dans X Ads Manager)',
    guided_store: 'L’adresse de votre boutique (votre-boutique.myshopify.com)',
    guided_code: 'Code de demande de collaborateur (4 chiffres, si votre boutique en utilise un)',
    iHaveDoneThis: 'C’est fait',
    notThereYet:
      'Nous ne voyons pas encore l’accès de {agency}. Vérifiez chaque étape ci-dessus (l’e-mail, la propriété) et appuyez de nouveau ; cela peut prendre une minute.',
    confirmedByClient: 'Confirmé par vous : {platform} ne nous permet pas de le vérifier.',
    confirmedByAgency:
      'Marqué comme fait par {agency} : {platform} ne nous permet pas de le vérifier.',
    waitingForAgency:
      '{agency} demande maintenant l’accès depuis son Shopify Partner Dashboard. Acceptez la demande dans votre interface Shopify quand elle arrive ; {agency} la marquera comme faite ici.',
    pendingAgency:
      'Plus rien à faire de votre côté : {agency} doit maintenant accepter l’invitation dans {platform}. Cette page l’affichera dès que ce sera fait.',
    nextWorking: 'Latchkey partage le reste avec {agency} ; cela prend quelques secondes.',
    nextAgency:
      '{agency} doit accepter l’invitation dans son propre compte {platform} ({count} élément(s)). Vous n’avez rien à faire pour ceux-ci.',
    nextYou: 'À vous : suivez les étapes indiquées pour {count} élément(s) ci-dessous.',
    nextTitle: 'La suite',
    receiptNothing: 'Rien n’a été partagé avec {agency}.',
    receiptRemoved:
      '{agency} n’a plus accès à ces éléments : l’accès a été retiré à la fin de votre collaboration. Vous n’avez rien à faire.',
  },
  assets: {
    'business_profile/business_location': {
      label: 'Établissement (Fiche d’établissement Google)',
      levels: {
        site_manager: {
          label: 'Gestionnaire de site',
          description:
            'Le rôle le plus restreint que Google propose encore sur un établissement (SITE_MANAGER dans l’API).',
        },
        manager: {
          label: 'Gestionnaire',
          description:
            'Modifier la fiche, répondre aux avis et publier des posts ; ne gère pas qui a accès.',
        },
        owner: {
          label: 'Propriétaire',
          description:
            'Tout ce que peut faire un gestionnaire, plus ajouter et retirer des personnes.',
        },
      },
    },
    'business_profile/business_account': {
      label: 'Groupe d’établissements',
      levels: {
        manager: {
          label: 'Gestionnaire',
          description:
            'Modifier la fiche, répondre aux avis et publier des posts ; ne gère pas qui a accès.',
        },
        owner: {
          label: 'Propriétaire',
          description:
            'Tout ce que peut faire un gestionnaire, plus ajouter et retirer des personnes.',
        },
      },
    },
    'snapchat/ad_account': {
      label: 'Compte publicitaire',
      levels: {
        reports: {
          label: 'Rapports',
          description: 'Voit uniquement les rapports et les résultats ; ne modifie rien.',
        },
        creative: {
          label: 'Créations',
          description: 'Importe et gère les annonces et les médias ; ni campagnes ni facturation.',
        },
        general: {
          label: 'Général',
          description:
            'Crée et gère les campagnes, les ensembles d’annonces, les annonces et les médias.',
        },
        admin: {
          label: 'Administrateur',
          description: 'Tout dans le compte publicitaire, y compris qui y a accès.',
        },
      },
    },
    'x_ads/x_ads_account': {
      label: 'Compte publicitaire X',
      levels: {
        analyst: {
          label: 'Analyste organique',
          description:
            'Voit les statistiques organiques et les données d’audience ; pas de campagnes.',
        },
        campaign_analyst: {
          label: 'Analyste de campagnes',
          description: 'Voit les campagnes et leurs statistiques ; ne modifie rien.',
        },
        creative_manager: {
          label: 'Gestionnaire de créations',
          description: 'Modifie les créations et voit les aperçus ; pas de campagnes.',
        },
        ad_manager: {
          label: 'Gestionnaire de publicités',
          description:
            'Crée et modifie les campagnes et voit les statistiques ; ne gère pas les utilisateurs.',
        },
        account_admin: {
          label: 'Administrateur du compte',
          description:
            'Accès complet, y compris ajouter et retirer des utilisateurs et modifier les paramètres.',
        },
      },
    },
    'tiktok/advertiser': {
      label: 'Compte publicitaire',
      levels: {
        ANALYST: {
          label: 'Analyste',
          description: 'Peut seulement voir les annonces et les données.',
        },
        OPERATOR: {
          label: 'Opérateur',
          description: 'Peut créer et modifier des campagnes et voir les données.',
        },
        ADMIN: {
          label: 'Administrateur',
          description:
            'Gère la facturation, les paramètres et les autorisations du compte, et peut créer et modifier des campagnes.',
        },
      },
    },
    'tiktok/tiktok_account': {
      label: 'Compte TikTok',
      levels: {
        AD_DELIVERY: {
          label: 'Diffuser des annonces',
          description:
            'Faire de la publicité avec les publications du compte (Spark Ads) sans gérer le profil.',
        },
      },
    },
    'tiktok/pixel': {
      label: 'Pixel',
      levels: {
        SHARED: {
          label: 'Partagé',
          description:
            'Utiliser le pixel pour suivre les conversions (TikTok n’a pas de rôles de pixel).',
        },
      },
    },
    'tiktok/catalog': {
      label: 'Catalogue',
      levels: {
        AD_PROMOTE: {
          label: 'Promotion publicitaire',
          description: 'Utiliser le catalogue dans les annonces.',
        },
        ADMIN: { label: 'Administrateur', description: 'Gérer le catalogue et ses produits.' },
      },
    },
    'meta/ad_account': {
      label: 'Compte publicitaire',
      levels: metaLevels(
        'Voir seulement les publicités et leurs performances.',
        'Créer et modifier des publicités, et voir les performances.',
        'Gérer le compte publicitaire : campagnes, facturation et accès.',
      ),
    },
    'meta/page': {
      label: 'Page Facebook',
      levels: metaLevels(
        'Voir seulement les statistiques de la Page.',
        'Publier, modérer, envoyer des messages et faire de la publicité au nom de la Page.',
        'Tout sur la Page, y compris la gestion des accès.',
      ),
    },
    'meta/pixel': {
      label: 'Ensemble de données (pixel)',
      levels: metaLevels(
        'Voir seulement les données.',
        'Utiliser dans les publicités et voir les données.',
        'Utiliser dans les publicités, voir les données et envoyer des événements (Meta limite la modification).',
      ),
    },
    'meta/catalog': {
      label: 'Catalogue de produits',
      levels: metaLevels(
        'Voir seulement les statistiques du catalogue.',
        'Faire de la publicité avec le catalogue.',
        'Gérer le catalogue et faire de la publicité avec.',
      ),
    },
    'meta/instagram_account': {
      label: 'Compte Instagram',
      levels: {
        partner: {
          label: 'Accès partenaire',
          description:
            'L’agence est ajoutée comme partenaire ; vous cochez les autorisations dans les paramètres de l’entreprise.',
        },
      },
    },
    'google_ads/ad_account': {
      label: 'Compte Google Ads',
      levels: {
        manager_link: {
          label: 'Association à un compte administrateur',
          description:
            'Le compte est associé au compte administrateur de l’agence ; son équipe agit avec les rôles qu’elle a dans ce compte administrateur.',
        },
      },
    },
    'microsoft_ads/ad_account': {
      label: 'Compte Microsoft Advertising',
      levels: {
        viewer: {
          label: 'Lecteur (invitation)',
          description:
            'Une personne de l’agence est invitée comme lecteur du compte : elle voit les campagnes et les rapports, mais ne modifie rien. Elle accepte l’invitation depuis l’e-mail de Microsoft.',
        },
        standard: {
          label: 'Utilisateur standard (invitation)',
          description:
            'Une personne de l’agence est invitée comme utilisateur standard du compte : elle gère les campagnes, mais pas les moyens de paiement ni les utilisateurs. Elle accepte l’invitation depuis l’e-mail de Microsoft.',
        },
        client_link: {
          label: 'Lien d’agence (compte administrateur)',
          description:
            'Le compte est lié au compte administrateur de l’agence : son équipe le gère avec les rôles qu’elle a dans ce compte, et vous continuez à le payer.',
        },
      },
    },
    'ga4/ga4_account': { label: 'Compte Analytics', levels: ga4Levels },
    'ga4/ga4_property': { label: 'Propriété GA4', levels: ga4Levels },
    'gtm/gtm_account': {
      label: 'Compte Tag Manager',
      levels: {
        user: {
          label: 'Utilisateur',
          description: 'Voir le compte ; l’accès aux conteneurs se donne conteneur par conteneur.',
        },
        admin: {
          label: 'Administrateur',
          description: 'Gérer le compte, ses utilisateurs et ses conteneurs.',
        },
      },
    },
    'gtm/gtm_container': {
      label: 'Conteneur Tag Manager',
      levels: {
        read: { label: 'Lecture', description: 'Voir les balises, déclencheurs et variables.' },
        edit: {
          label: 'Modification',
          description: 'Lecture, et en plus créer et modifier des espaces de travail.',
        },
        approve: {
          label: 'Approbation',
          description: 'Modification, et en plus créer des versions.',
        },
        publish: {
          label: 'Publication',
          description: 'Approbation, et en plus publier des versions sur le site en ligne.',
        },
      },
    },
    'merchant_center/merchant_account': {
      label: 'Compte Merchant Center',
      levels: {
        performance_reporting: {
          label: 'Performances et insights',
          description: 'Voir uniquement les rapports de performances et les insights.',
        },
        read_only: {
          label: 'Lecture seule',
          description: 'Voir tout ce qu’un utilisateur standard voit, sans rien modifier.',
        },
        standard: {
          label: 'Standard',
          description: 'Gérer les produits, les flux et les paramètres, mais pas les utilisateurs.',
        },
        admin: {
          label: 'Administrateur',
          description: 'Standard, plus la gestion des utilisateurs et des services associés.',
        },
      },
    },
    'search_console/sc_property': {
      label: 'Propriété Search Console',
      levels: {
        restricted: {
          label: 'Utilisateur restreint',
          description:
            'Voir la plupart des données ; ne peut ni modifier les paramètres ni ajouter d’utilisateurs.',
        },
        full: {
          label: 'Utilisateur complet',
          description:
            'Voir toutes les données et effectuer certaines actions ; ne peut pas ajouter d’utilisateurs.',
        },
      },
    },
    'youtube/youtube_channel': {
      label: 'Chaîne YouTube',
      levels: {
        viewer: {
          label: 'Lecteur',
          description: 'Voir les vidéos et les statistiques de la chaîne.',
        },
        editor_limited: {
          label: 'Éditeur (limité)',
          description: 'Éditeur, sans les données de revenus.',
        },
        editor: {
          label: 'Éditeur',
          description:
            'Modifier et mettre en ligne des vidéos ; ne peut ni supprimer la chaîne ni gérer les autorisations.',
        },
        manager: {
          label: 'Gestionnaire',
          description: 'Éditeur, et en plus gérer les autorisations.',
        },
      },
    },
    'shopify/shopify_store': {
      label: 'Boutique Shopify (accès collaborateur)',
      levels: {
        collaborator: {
          label: 'Collaborateur',
          description:
            'Les autorisations que l’agence demande dans sa demande de collaborateur ; vous les vérifiez avant d’accepter.',
        },
      },
    },
    'linkedin/ad_account': {
      label: 'Compte publicitaire LinkedIn',
      levels: {
        viewer: {
          label: 'Lecteur',
          description:
            'Voir les campagnes et les rapports uniquement ; rien ne peut être créé ni modifié.',
        },
        creative_manager: {
          label: 'Gestionnaire de créations',
          description: 'Voir les campagnes et les rapports, et créer et modifier des annonces.',
        },
        campaign_manager: {
          label: 'Gestionnaire de campagnes',
          description: 'Voir les rapports, et créer et modifier des campagnes et des annonces.',
        },
        account_manager: {
          label: 'Gestionnaire du compte',
          description:
            'Tout ce que fait un gestionnaire de campagnes, plus les paramètres du compte et qui y a accès.',
        },
        billing_admin: {
          label: 'Administrateur de facturation',
          description:
            'Tout, facturation comprise. LinkedIn autorise un administrateur de facturation par compte : vous le transférez vous-même dans Campaign Manager.',
        },
      },
    },
    'linkedin/company_page': {
      label: 'Page entreprise LinkedIn',
      levels: {
        admin: {
          label: 'Administrateur de la page',
          description:
            'Publier au nom de la page, la modifier, voir ses statistiques et gérer ses administrateurs. Vous nous ajoutez dans la vue administrateur de la page.',
        },
      },
    },
    'pinterest/ad_account': {
      label: 'Compte publicitaire',
      levels: {
        analyst: {
          label: 'Analyste',
          description: 'Voir les campagnes, les résultats et les rapports ; ne rien modifier.',
        },
        campaign_manager: {
          label: 'Gestionnaire de campagnes',
          description:
            'Créer et modifier les campagnes, groupes d’annonces et annonces, et voir les résultats.',
        },
        admin: {
          label: 'Administrateur',
          description: 'Tout dans le compte publicitaire, y compris la facturation et les accès.',
        },
      },
    },
    'pinterest/catalog': {
      label: 'Catalogue',
      levels: {
        catalogs_viewer: {
          label: 'Lecteur du catalogue',
          description: 'Voir le catalogue et ses flux de produits.',
        },
        catalogs_manager: {
          label: 'Gestionnaire du catalogue',
          description: 'Gérer le catalogue : flux, groupes de produits et paramètres.',
        },
      },
    },
  },
};
