/** The client page in Spanish. */
import type { Catalogue } from './types.ts';

const metaLevels = (view: string, partial: string, full: string) => ({
  view_only: { label: 'Solo ver', description: view },
  partial: { label: 'Acceso parcial', description: partial },
  full_control: { label: 'Control total', description: full },
});
const ga4Levels = {
  viewer: { label: 'Lector', description: 'Ver informes y datos de configuración.' },
  analyst: {
    label: 'Analista',
    description: 'Lector, y además crear y compartir exploraciones, audiencias y comparaciones.',
  },
  editor: {
    label: 'Editor',
    description: 'Analista, y además cambiar la configuración y los datos de la propiedad.',
  },
  admin: {
    label: 'Administrador',
    description: 'Control total, incluida la gestión de quién tiene acceso.',
  },
};

export const es: Catalogue = {
  messages: {
    errorNotFound: 'Este enlace no existe. Comprueba que lo copiaste completo.',
    errorExpired: 'Este enlace ha caducado. Pide uno nuevo a la agencia.',
    errorWithdrawn: 'La agencia ha retirado este enlace. Pídele uno nuevo.',
    errorTooMany: 'Demasiados intentos. Espera un minuto y vuelve a intentarlo.',
    errorUnavailable: 'La plataforma no respondió: inténtalo de nuevo en un momento.',
    errorGeneric: 'Algo salió mal. Inténtalo de nuevo en un momento.',
    title: '{agency} solicita acceso',
    intro:
      '{agency} quiere acceso a los elementos siguientes de tu cuenta de {platform}, para trabajar en tu marketing sin tu contraseña. No se comparte nada hasta que lo apruebes, y puedes retirar el acceso cuando quieras en {place}.',
    asked: 'Qué se solicita',
    stepOf: 'Paso {n} de {total}: {platform}',
    connect: 'Conectar {platform}',
    connected: '{platform} está conectado.',
    connectAgain: 'Conectar de nuevo',
    agencyNotReady:
      '{agency} aún no ha terminado de conectar su propia cuenta de {platform}, así que todavía no se puede compartir nada. Avísales, por favor, y vuelve a este enlace más tarde.',
    pick: 'Marca lo que quieres compartir',
    pickHint:
      'Estos son los activos que ve tu inicio de sesión de {platform}. Marca los que {agency} puede usar.',
    none: 'Tu inicio de sesión de {platform} no ve ningún elemento de tipo {type}. Conecta de nuevo con una cuenta que lo gestione o pregunta a {agency} qué hacer.',
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
    qrAlt: 'Código QR',
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
    guided_ads_account:
      'El ID de tu cuenta de anuncios de X (p. ej. 18ce54d4x5t, como lo muestra X Ads Manager)',
    guided_store: 'La dirección de tu tienda (tu-tienda.myshopify.com)',
    guided_code: 'Código de solicitud de colaborador (4 dígitos, si tu tienda lo usa)',
    iHaveDoneThis: 'Ya lo he hecho',
    notThereYet:
      'Aún no vemos el acceso de {agency}. Revisa cada paso (el correo, la propiedad) y pulsa el botón de nuevo; puede tardar un minuto.',
    confirmedByClient: 'Confirmado por ti: {platform} no nos permite comprobarlo.',
    confirmedByAgency: 'Marcado como hecho por {agency}: {platform} no nos permite comprobarlo.',
    waitingForAgency:
      '{agency} solicita ahora el acceso desde su Shopify Partner Dashboard. Acepta la solicitud en tu administrador de Shopify cuando llegue; {agency} lo marcará como hecho aquí.',
    pendingAgency:
      'No tienes que hacer nada más: {agency} debe aceptar ahora la invitación en {platform}. Esta página lo mostrará en cuanto lo haga.',
    nextWorking: 'Latchkey está compartiendo el resto con {agency}; tarda unos segundos.',
    nextAgency:
      '{agency} debe aceptar la invitación en su propia cuenta de {platform} ({count} elemento(s)). No tienes que hacer nada con estos.',
    nextYou: 'Te toca a ti: sigue los pasos que se muestran para {count} elemento(s) abajo.',
    nextTitle: 'Qué pasa ahora',
    receiptNothing: 'No se compartió nada con {agency}.',
    receiptRemoved:
      '{agency} ya no tiene acceso a estos elementos: el acceso se retiró al terminar vuestra colaboración. No tienes que hacer nada.',
  },
  assets: {
    'business_profile/business_location': {
      label: 'Ubicación de Perfil de Empresa',
      levels: {
        site_manager: {
          label: 'Administrador del sitio',
          description:
            'El rol más limitado que Google aún ofrece en una ubicación (SITE_MANAGER en la API).',
        },
        manager: {
          label: 'Administrador',
          description:
            'Edita el perfil, responde a reseñas y publica novedades; no gestiona quién tiene acceso.',
        },
        owner: {
          label: 'Propietario',
          description:
            'Todo lo que puede hacer un administrador, y además añadir y quitar personas.',
        },
      },
    },
    'business_profile/business_account': {
      label: 'Grupo de empresas de Perfil de Empresa',
      levels: {
        manager: {
          label: 'Administrador',
          description:
            'Edita el perfil, responde a reseñas y publica novedades; no gestiona quién tiene acceso.',
        },
        owner: {
          label: 'Propietario',
          description:
            'Todo lo que puede hacer un administrador, y además añadir y quitar personas.',
        },
      },
    },
    'snapchat/ad_account': {
      label: 'Cuenta publicitaria',
      levels: {
        reports: {
          label: 'Informes',
          description: 'Solo ve informes y resultados; no cambia nada.',
        },
        creative: {
          label: 'Creatividades',
          description:
            'Sube y gestiona anuncios y contenido multimedia; sin campañas ni facturación.',
        },
        general: {
          label: 'General',
          description:
            'Crea y gestiona campañas, conjuntos de anuncios, anuncios y contenido multimedia.',
        },
        admin: {
          label: 'Administrador',
          description: 'Todo en la cuenta publicitaria, incluido quién tiene acceso.',
        },
      },
    },
    'x_ads/x_ads_account': {
      label: 'Cuenta de anuncios de X',
      levels: {
        analyst: {
          label: 'Analista orgánico',
          description: 'Ve la analítica orgánica y la información de audiencias; sin campañas.',
        },
        campaign_analyst: {
          label: 'Analista de campañas',
          description: 'Ve las campañas y sus estadísticas; no cambia nada.',
        },
        creative_manager: {
          label: 'Gestor de creatividades',
          description: 'Cambia creatividades y ve vistas previas; sin campañas.',
        },
        ad_manager: {
          label: 'Gestor de anuncios',
          description: 'Crea y cambia campañas y ve estadísticas; no gestiona usuarios.',
        },
        account_admin: {
          label: 'Administrador de la cuenta',
          description:
            'Acceso completo, incluido añadir y quitar usuarios y cambiar la configuración.',
        },
      },
    },
    'tiktok/advertiser': {
      label: 'Cuenta publicitaria',
      levels: {
        ANALYST: { label: 'Analista', description: 'Solo puede ver anuncios y datos.' },
        OPERATOR: {
          label: 'Operador',
          description: 'Puede crear y editar campañas y ver datos.',
        },
        ADMIN: {
          label: 'Administrador',
          description:
            'Gestiona las finanzas, la configuración y los permisos de la cuenta, y puede crear y editar campañas.',
        },
      },
    },
    'tiktok/tiktok_account': {
      label: 'Cuenta de TikTok',
      levels: {
        AD_DELIVERY: {
          label: 'Publicar anuncios',
          description:
            'Anunciar con las publicaciones de la cuenta (Spark Ads) sin gestionar el perfil.',
        },
      },
    },
    'tiktok/pixel': {
      label: 'Píxel',
      levels: {
        SHARED: {
          label: 'Compartido',
          description:
            'Usar el píxel para medir conversiones (TikTok no tiene roles para píxeles).',
        },
      },
    },
    'tiktok/catalog': {
      label: 'Catálogo',
      levels: {
        AD_PROMOTE: {
          label: 'Promoción en anuncios',
          description: 'Usar el catálogo en anuncios.',
        },
        ADMIN: { label: 'Administrador', description: 'Gestionar el catálogo y sus productos.' },
      },
    },
    'meta/ad_account': {
      label: 'Cuenta publicitaria',
      levels: metaLevels(
        'Ver solo los anuncios y su rendimiento.',
        'Crear y editar anuncios, y ver el rendimiento.',
        'Gestionar la cuenta publicitaria: campañas, facturación y quién tiene acceso.',
      ),
    },
    'meta/page': {
      label: 'Página de Facebook',
      levels: metaLevels(
        'Ver solo las estadísticas de la página.',
        'Publicar, moderar, enviar mensajes y anunciarse como la página.',
        'Todo en la página, incluido quién tiene acceso.',
      ),
    },
    'meta/pixel': {
      label: 'Conjunto de datos (píxel)',
      levels: metaLevels(
        'Ver solo los datos.',
        'Usar en anuncios y ver los datos.',
        'Usar en anuncios, ver los datos y subir eventos (Meta restringe la edición).',
      ),
    },
    'meta/catalog': {
      label: 'Catálogo de productos',
      levels: metaLevels(
        'Ver solo las estadísticas del catálogo.',
        'Anunciarse con el catálogo.',
        'Gestionar el catálogo y anunciarse con él.',
      ),
    },
    'meta/instagram_account': {
      label: 'Cuenta de Instagram',
      levels: {
        partner: {
          label: 'Acceso de socio',
          description:
            'La agencia se añade como socio; tú marcas los permisos en la configuración del negocio.',
        },
      },
    },
    'google_ads/ad_account': {
      label: 'Cuenta de Google Ads',
      levels: {
        manager_link: {
          label: 'Vinculación con cuenta de administrador',
          description:
            'La cuenta queda vinculada a la cuenta de administrador de la agencia; su equipo actúa con los roles que tiene en esa cuenta de administrador.',
        },
      },
    },
    'microsoft_ads/ad_account': {
      label: 'Cuenta de Microsoft Advertising',
      levels: {
        viewer: {
          label: 'Lector (invitación)',
          description:
            'Se invita a una persona de la agencia como lector de la cuenta: ve campañas e informes, pero no cambia nada. Acepta la invitación desde el correo de Microsoft.',
        },
        standard: {
          label: 'Usuario estándar (invitación)',
          description:
            'Se invita a una persona de la agencia como usuario estándar de la cuenta: gestiona campañas, pero no métodos de pago ni usuarios. Acepta la invitación desde el correo de Microsoft.',
        },
        client_link: {
          label: 'Vínculo de agencia (cuenta de administrador)',
          description:
            'La cuenta se vincula a la cuenta de administrador de la agencia: su equipo la gestiona con los roles que tiene en esa cuenta, y tú sigues pagándola.',
        },
      },
    },
    'ga4/ga4_account': { label: 'Cuenta de Analytics', levels: ga4Levels },
    'ga4/ga4_property': { label: 'Propiedad de GA4', levels: ga4Levels },
    'gtm/gtm_account': {
      label: 'Cuenta de Tag Manager',
      levels: {
        user: {
          label: 'Usuario',
          description: 'Ver la cuenta; el acceso a los contenedores se da por contenedor.',
        },
        admin: {
          label: 'Administrador',
          description: 'Gestionar la cuenta, sus usuarios y sus contenedores.',
        },
      },
    },
    'gtm/gtm_container': {
      label: 'Contenedor de Tag Manager',
      levels: {
        read: {
          label: 'Lectura',
          description: 'Ver las etiquetas, los activadores y las variables.',
        },
        edit: {
          label: 'Edición',
          description: 'Lectura, y además crear espacios de trabajo y modificarlos.',
        },
        approve: { label: 'Aprobación', description: 'Edición, y además crear versiones.' },
        publish: {
          label: 'Publicación',
          description: 'Aprobación, y además publicar versiones en el sitio en vivo.',
        },
      },
    },
    'merchant_center/merchant_account': {
      label: 'Cuenta de Merchant Center',
      levels: {
        performance_reporting: {
          label: 'Rendimiento y estadísticas',
          description: 'Ver solo informes de rendimiento y estadísticas.',
        },
        read_only: {
          label: 'Solo lectura',
          description: 'Ver todo lo que ve un usuario estándar, sin cambiar nada.',
        },
        standard: {
          label: 'Estándar',
          description: 'Gestionar productos, feeds y ajustes, pero no usuarios.',
        },
        admin: {
          label: 'Administrador',
          description: 'Estándar, y además gestionar usuarios y servicios vinculados.',
        },
      },
    },
    'search_console/sc_property': {
      label: 'Propiedad de Search Console',
      levels: {
        restricted: {
          label: 'Usuario restringido',
          description:
            'Ver la mayoría de los datos; no puede cambiar la configuración ni añadir usuarios.',
        },
        full: {
          label: 'Usuario completo',
          description: 'Ver todos los datos y realizar algunas acciones; no puede añadir usuarios.',
        },
      },
    },
    'youtube/youtube_channel': {
      label: 'Canal de YouTube',
      levels: {
        viewer: { label: 'Lector', description: 'Ver los vídeos y las estadísticas del canal.' },
        editor_limited: {
          label: 'Editor (limitado)',
          description: 'Editor, sin datos de ingresos.',
        },
        editor: {
          label: 'Editor',
          description: 'Editar y subir vídeos; no puede eliminar el canal ni gestionar permisos.',
        },
        manager: { label: 'Gestor', description: 'Editor, y además gestionar permisos.' },
      },
    },
    'shopify/shopify_store': {
      label: 'Tienda de Shopify (acceso de colaborador)',
      levels: {
        collaborator: {
          label: 'Colaborador',
          description:
            'Los permisos que la agencia pide en su solicitud de colaborador; los revisas antes de aceptar.',
        },
      },
    },
    'linkedin/ad_account': {
      label: 'Cuenta publicitaria de LinkedIn',
      levels: {
        viewer: {
          label: 'Lector',
          description: 'Ver campañas e informes solamente; no se puede crear ni cambiar nada.',
        },
        creative_manager: {
          label: 'Gestor de creatividades',
          description: 'Ver campañas e informes, y crear y editar anuncios.',
        },
        campaign_manager: {
          label: 'Gestor de campañas',
          description: 'Ver informes, y crear y editar campañas y anuncios.',
        },
        account_manager: {
          label: 'Gestor de la cuenta',
          description:
            'Todo lo del gestor de campañas, más la configuración de la cuenta y quién tiene acceso.',
        },
        billing_admin: {
          label: 'Administrador de facturación',
          description:
            'Todo, incluida la facturación. LinkedIn permite un administrador de facturación por cuenta: usted lo cede en Campaign Manager.',
        },
      },
    },
    'linkedin/company_page': {
      label: 'Página de empresa de LinkedIn',
      levels: {
        admin: {
          label: 'Administrador de la página',
          description:
            'Publicar como la página, editarla, ver sus estadísticas y gestionar sus administradores. Usted nos añade en la vista de administrador de la página.',
        },
      },
    },
    'pinterest/ad_account': {
      label: 'Cuenta publicitaria',
      levels: {
        analyst: {
          label: 'Analista',
          description: 'Ver campañas, resultados e informes; no cambiar nada.',
        },
        campaign_manager: {
          label: 'Gestor de campañas',
          description:
            'Crear y editar campañas, grupos de anuncios y anuncios, y ver los resultados.',
        },
        admin: {
          label: 'Administrador',
          description:
            'Todo en la cuenta publicitaria, incluida la facturación y quién tiene acceso.',
        },
      },
    },
    'pinterest/catalog': {
      label: 'Catálogo',
      levels: {
        catalogs_viewer: {
          label: 'Lector del catálogo',
          description: 'Ver el catálogo y sus feeds de productos.',
        },
        catalogs_manager: {
          label: 'Gestor del catálogo',
          description: 'Gestionar el catálogo: feeds, grupos de productos y ajustes.',
        },
      },
    },
  },
};
