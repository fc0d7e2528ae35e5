/** The client page in Portuguese. */
import type { Catalogue } from './types.ts';

const metaLevels = (view: string, partial: string, full: string) => ({
  view_only: { label: 'Só visualização', description: view },
  partial: { label: 'Acesso parcial', description: partial },
  full_control: { label: 'Controle total', description: full },
});
const ga4Levels = {
  viewer: { label: 'Leitor', description: 'Ver relatórios e dados de configuração.' },
  analyst: {
    label: 'Analista',
    description: 'Leitor e, além disso, criar e compartilhar explorações, públicos e comparações.',
  },
  editor: {
    label: 'Editor',
    description: 'Analista e, além disso, alterar as configurações e os dados da propriedade.',
  },
  admin: {
    label: 'Administrador',
    description: 'Controle total, inclusive de quem tem acesso.',
  },
};

export const pt: Catalogue = {
  messages: {
    errorNotFound: 'Este link não existe. Verifique se você o copiou por inteiro.',
    errorExpired: 'Este link expirou. Peça um novo à agência.',
    errorWithdrawn: 'A agência retirou este link. Peça um novo a ela.',
    errorTooMany: 'Tentativas demais. Espere um minuto e tente de novo.',
    errorUnavailable: 'A plataforma não respondeu: tente de novo em um instante.',
    errorGeneric: 'Algo deu errado. Tente de novo em um instante.',
    title: '{agency} pede acesso',
    intro:
      '{agency} gostaria de acessar os itens abaixo da sua conta {platform}, para trabalhar no seu marketing sem a sua senha. Nada é compartilhado até você aprovar, e você pode remover o acesso a qualquer momento em {place}.',
    asked: 'O que é pedido',
    stepOf: 'Passo {n} de {total}: {platform}',
    connect: 'Conectar {platform}',
    connected: '{platform} está conectado.',
    connectAgain: 'Conectar de novo',
    agencyNotReady:
      '{agency} ainda não terminou de conectar a própria conta {platform}, então nada pode ser compartilhado agora. Avise-os e volte a este link mais tarde.',
    pick: 'Marque o que compartilhar',
    pickHint:
      'Estes são os ativos que o seu login em {platform} vê. Marque os que {agency} pode usar.',
    none: 'O seu login em {platform} não vê nenhum item do tipo {type}. Conecte de novo com uma conta que o gerencie, ou pergunte a {agency} o que fazer.',
    approve: 'Aprovar e compartilhar',
    approving: 'Compartilhando…',
    progress: 'Andamento',
    receipt: 'Comprovante',
    receiptIntro: '{agency} agora tem acesso aos itens marcados “{shared}” abaixo.',
    status_queued: 'Aguardando início',
    status_running: 'Compartilhando…',
    status_granted: 'Compartilhado',
    status_pending_acceptance: 'Compartilhado, aguardando {agency} aceitar',
    status_needs_manual_step: 'É preciso um passo seu',
    status_failed: 'Não foi possível compartilhar',
    status_revoked: 'Removido',
    alreadyShared: 'Isto já estava compartilhado com {agency}: nada mudou.',
    checkAgain: 'Verificar de novo',
    scan: 'Leia este QR code com o app do TikTok no celular conectado à conta:',
    qrAlt: 'QR code',
    openLink: 'Abrir o link',
    denied: 'Você cancelou em {platform}. Conecte de novo quando quiser.',
    connectFailed: '{platform} não confirmou o login. Tente de novo.',
    loading: 'Carregando…',
    language: 'Idioma',
    level: 'Nível de acesso',
    ends: 'O acesso termina em {date}.',
    done: 'Tudo pronto. Você pode fechar esta página.',
    waiting: 'Esta página se atualiza sozinha.',
    guidedIntro:
      'Não é preciso entrar em {platform}. Diga qual abaixo; depois de aprovar, você verá os passos exatos a seguir em {platform}.',
    guided_site_url: 'Sua propriedade do Search Console (https://www.example.com/ ou example.com)',
    guided_channel: 'Seu canal do YouTube (@nome ou o endereço youtube.com)',
    guided_ads_account:
      'O ID da sua conta de anúncios do X (ex.: 18ce54d4x5t, como o X Ads Manager mostra)',
    guided_store: 'O endereço da sua loja (sua-loja.myshopify.com)',
    guided_code: 'Código de solicitação de colaborador (4 dígitos, se a sua loja usar um)',
    iHaveDoneThis: 'Já fiz isto',
    notThereYet:
      'Ainda não vemos o acesso de {agency}. Confira cada passo acima (o e-mail, a propriedade) e aperte o botão de novo; pode levar um minuto.',
    confirmedByClient: 'Confirmado por você: {platform} não nos permite verificar.',
    confirmedByAgency: 'Marcado como feito por {agency}: {platform} não nos permite verificar.',
    waitingForAgency:
      '{agency} agora pede o acesso pelo Shopify Partner Dashboard. Aceite a solicitação no admin da Shopify quando chegar; {agency} marca como feito aqui.',
    pendingAgency:
      'Nada mais a fazer do seu lado: {agency} precisa agora aceitar o convite em {platform}. Esta página mostra assim que aceitarem.',
    nextWorking: 'Latchkey está compartilhando o resto com {agency}; isso leva alguns segundos.',
    nextAgency:
      '{agency} precisa aceitar o convite na própria conta {platform} ({count} item(ns)). Você não precisa fazer nada por estes.',
    nextYou: 'Sua vez: siga os passos mostrados para {count} item(ns) abaixo.',
    nextTitle: 'O que acontece agora',
    receiptNothing: 'Nada foi compartilhado com {agency}.',
    receiptRemoved:
      '{agency} não tem mais acesso a estes itens: o acesso foi removido quando o trabalho em conjunto terminou. Você não precisa fazer nada.',
  },
  assets: {
    'business_profile/business_location': {
      label: 'Local do Perfil da Empresa',
      levels: {
        site_manager: {
          label: 'Gerente do site',
          description:
            'A função mais restrita que o Google ainda oferece em um local (SITE_MANAGER na API).',
        },
        manager: {
          label: 'Administrador',
          description:
            'Edita o perfil, responde a avaliações e publica atualizações; não gerencia quem tem acesso.',
        },
        owner: {
          label: 'Proprietário',
          description: 'Tudo o que um administrador pode fazer, mais adicionar e remover pessoas.',
        },
      },
    },
    'business_profile/business_account': {
      label: 'Grupo de empresas do Perfil da Empresa',
      levels: {
        manager: {
          label: 'Administrador',
          description:
            'Edita o perfil, responde a avaliações e publica atualizações; não gerencia quem tem acesso.',
        },
        owner: {
          label: 'Proprietário',
          description: 'Tudo o que um administrador pode fazer, mais adicionar e remover pessoas.',
        },
      },
    },
    'snapchat/ad_account': {
      label: 'Conta de anúncios',
      levels: {
        reports: {
          label: 'Relatórios',
          description: 'Vê apenas relatórios e resultados; não altera nada.',
        },
        creative: {
          label: 'Criativos',
          description: 'Carrega e gere anúncios e multimédia; sem campanhas nem faturação.',
        },
        general: {
          label: 'Geral',
          description: 'Cria e gere campanhas, conjuntos de anúncios, anúncios e multimédia.',
        },
        admin: {
          label: 'Administrador',
          description: 'Tudo na conta de anúncios, incluindo quem tem acesso.',
        },
      },
    },
    'x_ads/x_ads_account': {
      label: 'Conta de anúncios do X',
      levels: {
        analyst: {
          label: 'Analista orgânico',
          description: 'Vê as análises orgânicas e os insights de público; sem campanhas.',
        },
        campaign_analyst: {
          label: 'Analista de campanhas',
          description: 'Vê as campanhas e as suas estatísticas; não altera nada.',
        },
        creative_manager: {
          label: 'Gestor de criativos',
          description: 'Altera criativos e vê pré-visualizações; sem campanhas.',
        },
        ad_manager: {
          label: 'Gestor de anúncios',
          description: 'Cria e altera campanhas e vê estatísticas; não gere utilizadores.',
        },
        account_admin: {
          label: 'Administrador da conta',
          description:
            'Acesso total, incluindo adicionar e remover utilizadores e alterar definições.',
        },
      },
    },
    'tiktok/advertiser': {
      label: 'Conta de anúncios',
      levels: {
        ANALYST: { label: 'Analista', description: 'Só pode ver anúncios e dados.' },
        OPERATOR: {
          label: 'Operador',
          description: 'Pode criar e editar campanhas e ver dados.',
        },
        ADMIN: {
          label: 'Administrador',
          description:
            'Gerencia as finanças, as configurações e as permissões da conta, e pode criar e editar campanhas.',
        },
      },
    },
    'tiktok/tiktok_account': {
      label: 'Conta do TikTok',
      levels: {
        AD_DELIVERY: {
          label: 'Veicular anúncios',
          description: 'Anunciar com as publicações da conta (Spark Ads) sem gerenciar o perfil.',
        },
      },
    },
    'tiktok/pixel': {
      label: 'Pixel',
      levels: {
        SHARED: {
          label: 'Compartilhado',
          description: 'Usar o pixel para medir conversões (o TikTok não tem funções para pixels).',
        },
      },
    },
    'tiktok/catalog': {
      label: 'Catálogo',
      levels: {
        AD_PROMOTE: { label: 'Promoção em anúncios', description: 'Usar o catálogo em anúncios.' },
        ADMIN: { label: 'Administrador', description: 'Gerenciar o catálogo e seus produtos.' },
      },
    },
    'meta/ad_account': {
      label: 'Conta de anúncios',
      levels: metaLevels(
        'Ver apenas anúncios e desempenho.',
        'Criar e editar anúncios e ver o desempenho.',
        'Gerenciar a conta de anúncios: campanhas, cobrança e quem tem acesso.',
      ),
    },
    'meta/page': {
      label: 'Página do Facebook',
      levels: metaLevels(
        'Ver apenas os insights da Página.',
        'Publicar, moderar, enviar mensagens e anunciar como a Página.',
        'Tudo na Página, inclusive quem tem acesso.',
      ),
    },
    'meta/pixel': {
      label: 'Conjunto de dados (pixel)',
      levels: metaLevels(
        'Ver apenas os dados.',
        'Usar em anúncios e ver os dados.',
        'Usar em anúncios, ver os dados e enviar eventos (a Meta restringe a edição).',
      ),
    },
    'meta/catalog': {
      label: 'Catálogo de produtos',
      levels: metaLevels(
        'Ver apenas as estatísticas do catálogo.',
        'Anunciar com o catálogo.',
        'Gerenciar o catálogo e anunciar com ele.',
      ),
    },
    'meta/instagram_account': {
      label: 'Conta do Instagram',
      levels: {
        partner: {
          label: 'Acesso de parceiro',
          description:
            'A agência é adicionada como parceira; você marca as permissões nas configurações do negócio.',
        },
      },
    },
    'google_ads/ad_account': {
      label: 'Conta do Google Ads',
      levels: {
        manager_link: {
          label: 'Vínculo com conta de administrador',
          description:
            'A conta fica vinculada à conta de administrador da agência; a equipe dela age com as funções que tem nessa conta de administrador.',
        },
      },
    },
    'microsoft_ads/ad_account': {
      label: 'Conta do Microsoft Advertising',
      levels: {
        viewer: {
          label: 'Leitor (convite)',
          description:
            'Uma pessoa da agência é convidada como leitor da conta: vê campanhas e relatórios, mas não altera nada. Aceita o convite a partir do e-mail da Microsoft.',
        },
        standard: {
          label: 'Usuário padrão (convite)',
          description:
            'Uma pessoa da agência é convidada como usuário padrão da conta: gerencia campanhas, mas não formas de pagamento nem usuários. Aceita o convite a partir do e-mail da Microsoft.',
        },
        client_link: {
          label: 'Vínculo de agência (conta de administrador)',
          description:
            'A conta é vinculada à conta de administrador da agência: a equipe dela a gerencia com as funções que tem nessa conta, e você continua pagando por ela.',
        },
      },
    },
    'ga4/ga4_account': { label: 'Conta do Analytics', levels: ga4Levels },
    'ga4/ga4_property': { label: 'Propriedade do GA4', levels: ga4Levels },
    'gtm/gtm_account': {
      label: 'Conta do Tag Manager',
      levels: {
        user: {
          label: 'Usuário',
          description: 'Ver a conta; o acesso aos contêineres é dado por contêiner.',
        },
        admin: {
          label: 'Administrador',
          description: 'Gerenciar a conta, seus usuários e seus contêineres.',
        },
      },
    },
    'gtm/gtm_container': {
      label: 'Contêiner do Tag Manager',
      levels: {
        read: { label: 'Leitura', description: 'Ver as tags, os acionadores e as variáveis.' },
        edit: {
          label: 'Edição',
          description: 'Leitura e, além disso, criar e alterar espaços de trabalho.',
        },
        approve: { label: 'Aprovação', description: 'Edição e, além disso, criar versões.' },
        publish: {
          label: 'Publicação',
          description: 'Aprovação e, além disso, publicar versões no site ativo.',
        },
      },
    },
    'merchant_center/merchant_account': {
      label: 'Conta do Merchant Center',
      levels: {
        performance_reporting: {
          label: 'Desempenho e insights',
          description: 'Ver apenas relatórios de desempenho e insights.',
        },
        read_only: {
          label: 'Somente leitura',
          description: 'Ver tudo o que um usuário padrão vê, sem alterar nada.',
        },
        standard: {
          label: 'Padrão',
          description: 'Gerenciar produtos, feeds e configurações, mas não usuários.',
        },
        admin: {
          label: 'Administrador',
          description: 'Padrão, mais gerenciar usuários e serviços vinculados.',
        },
      },
    },
    'search_console/sc_property': {
      label: 'Propriedade do Search Console',
      levels: {
        restricted: {
          label: 'Usuário restrito',
          description:
            'Ver a maioria dos dados; não pode alterar configurações nem adicionar usuários.',
        },
        full: {
          label: 'Usuário completo',
          description: 'Ver todos os dados e realizar algumas ações; não pode adicionar usuários.',
        },
      },
    },
    'youtube/youtube_channel': {
      label: 'Canal do YouTube',
      levels: {
        viewer: { label: 'Leitor', description: 'Ver os vídeos e as estatísticas do canal.' },
        editor_limited: {
          label: 'Editor (limitado)',
          description: 'Editor, sem dados de receita.',
        },
        editor: {
          label: 'Editor',
          description: 'Editar e enviar vídeos; não pode excluir o canal nem gerenciar permissões.',
        },
        manager: { label: 'Gerente', description: 'Editor e, além disso, gerenciar permissões.' },
      },
    },
    'shopify/shopify_store': {
      label: 'Loja Shopify (acesso de colaborador)',
      levels: {
        collaborator: {
          label: 'Colaborador',
          description:
            'As permissões que a agência pede na solicitação de colaborador; você as revisa antes de aceitar.',
        },
      },
    },
    'linkedin/ad_account': {
      label: 'Conta de anúncios do LinkedIn',
      levels: {
        viewer: {
          label: 'Leitor',
          description: 'Apenas ver campanhas e relatórios; nada pode ser criado nem alterado.',
        },
        creative_manager: {
          label: 'Gestor de criativos',
          description: 'Ver campanhas e relatórios, e criar e editar anúncios.',
        },
        campaign_manager: {
          label: 'Gestor de campanhas',
          description: 'Ver relatórios, e criar e editar campanhas e anúncios.',
        },
        account_manager: {
          label: 'Gestor da conta',
          description:
            'Tudo o que um gestor de campanhas faz, mais as definições da conta e quem tem acesso.',
        },
        billing_admin: {
          label: 'Administrador de faturação',
          description:
            'Tudo, incluindo a faturação. O LinkedIn permite um administrador de faturação por conta: é você quem o transfere no Campaign Manager.',
        },
      },
    },
    'linkedin/company_page': {
      label: 'Página da empresa no LinkedIn',
      levels: {
        admin: {
          label: 'Administrador da página',
          description:
            'Publicar como a página, editá-la, ver as estatísticas e gerir os administradores. Você adiciona-nos na vista de administrador da página.',
        },
      },
    },
    'pinterest/ad_account': {
      label: 'Conta de anúncios',
      levels: {
        analyst: {
          label: 'Analista',
          description: 'Ver campanhas, resultados e relatórios; sem alterar nada.',
        },
        campaign_manager: {
          label: 'Gestor de campanhas',
          description:
            'Criar e editar campanhas, grupos de anúncios e anúncios, e ver os resultados.',
        },
        admin: {
          label: 'Administrador',
          description: 'Tudo na conta de anúncios, incluindo faturação e quem tem acesso.',
        },
      },
    },
    'pinterest/catalog': {
      label: 'Catálogo',
      levels: {
        catalogs_viewer: {
          label: 'Leitor do catálogo',
          description: 'Ver o catálogo e os seus feeds de produtos.',
        },
        catalogs_manager: {
          label: 'Gestor do catálogo',
          description: 'Gerir o catálogo: feeds, grupos de produtos e definições.',
        },
      },
    },
  },
};
