/**
 * Ready-made definitions of the tools agencies ask for most, as DATA: an agency adds one to its
 * workspace (a copy it then edits like its own), so nothing here is code. Each step was checked
 * against the vendor's help page named in `source` (docs/platforms/custom.md lists them).
 * Placeholders: {agency} (the agency's name), {email} (its invite address), {level}.
 */
import type { DefinitionBody } from '../definition.ts';

export interface ReadyMadeDefinition {
  readonly id: string;
  /** The slug the copy gets (the asset type id requests name). */
  readonly slug: string;
  /** The vendor's help page the steps follow. */
  readonly source: string;
  readonly definition: DefinitionBody;
}

const accountEmail = {
  id: 'account_email',
  label: 'The email you sign in with',
  kind: 'email',
  required: false,
} as const;

export const readyMadeDefinitions: readonly ReadyMadeDefinition[] = [
  {
    id: 'klaviyo',
    slug: 'klaviyo',
    source: 'https://help.klaviyo.com/hc/en-us/articles/360053547071',
    definition: {
      name: 'Klaviyo',
      logo: null,
      actionUrl: 'https://www.klaviyo.com/settings/account/users',
      inviteEmail: null,
      steps: [
        'Sign in to Klaviyo as the account Owner or an Admin (only they can add users).',
        'Click your account name in the bottom left corner, then Settings › Users.',
        'Click Add New User and enter {email}.',
        'Under Role, choose {level}, then click Add User.',
        '{agency} accepts the invitation from the email Klaviyo sends.',
      ],
      fields: [
        { id: 'account_name', label: 'Klaviyo account name', kind: 'text', required: true },
        accountEmail,
      ],
      levels: [
        {
          id: 'analyst',
          label: 'Analyst',
          description: 'Sees analytics, segments and reports; changes nothing.',
        },
        {
          id: 'manager',
          label: 'Manager',
          description: 'Uses the core features but cannot export emails or manage users.',
        },
        {
          id: 'admin',
          label: 'Admin',
          description: 'Full access, including users and exports; cannot close the account.',
        },
      ],
      confirmedBy: 'agency',
      removal: [
        'Sign in to Klaviyo as the Owner or an Admin and open Settings › Users.',
        "Find the agency's user and click the X next to its role to delete it.",
      ],
    },
  },
  {
    id: 'mailchimp',
    slug: 'mailchimp',
    source: 'https://mailchimp.com/help/manage-user-levels-in-your-account/',
    definition: {
      name: 'Mailchimp',
      logo: null,
      actionUrl: 'https://admin.mailchimp.com/account/users/',
      inviteEmail: null,
      steps: [
        'Sign in to Mailchimp as the Owner or an Admin.',
        'Click your profile icon, then Account & billing.',
        'Open the Settings drop-down and click Users, then Invite A User.',
        'Enter {email}, choose the user type {level}, and click Send Invite.',
        '{agency} accepts the invitation from the email Mailchimp sends.',
      ],
      fields: [
        { id: 'account_name', label: 'Mailchimp account name', kind: 'text', required: true },
        accountEmail,
      ],
      levels: [
        {
          id: 'viewer',
          label: 'Viewer',
          description: 'Sees reports and content; changes nothing.',
        },
        { id: 'author', label: 'Author', description: 'Creates and edits campaigns and content.' },
        {
          id: 'manager',
          label: 'Manager',
          description: 'Manages campaigns, audiences and reports.',
        },
        { id: 'admin', label: 'Admin', description: 'Full access, including users and billing.' },
      ],
      confirmedBy: 'agency',
      removal: [
        'Sign in to Mailchimp as the Owner or an Admin: profile icon › Account & billing › Settings › Users.',
        "Find the agency's user and remove it (Remove or Delete from its row).",
      ],
    },
  },
  {
    id: 'hubspot',
    slug: 'hubspot',
    source: 'https://knowledge.hubspot.com/user-management/add-and-remove-users',
    definition: {
      name: 'HubSpot',
      logo: null,
      actionUrl: 'https://app.hubspot.com/settings/',
      inviteEmail: null,
      steps: [
        'Sign in to HubSpot as a Super Admin or a user with the Add and edit users permission.',
        'Click the settings icon in the top navigation bar, then Users & Teams in the left sidebar.',
        'Click Create user, enter {email}, and click Next.',
        'Set the permissions ({level}), click Next, then Send (or Create user) to invite.',
        '{agency} signs in from the welcome email HubSpot sends.',
      ],
      fields: [
        { id: 'hub_id', label: 'HubSpot account ID (Hub ID)', kind: 'text', required: true },
        accountEmail,
      ],
      levels: [
        {
          id: 'view_only',
          label: 'View-only',
          description: 'A view-only seat: sees records and reports.',
        },
        {
          id: 'standard',
          label: 'Standard user',
          description: 'Edits the tools its permissions allow.',
        },
        {
          id: 'super_admin',
          label: 'Super Admin',
          description: 'Full access to every tool and setting, users included.',
        },
      ],
      confirmedBy: 'agency',
      removal: [
        'In HubSpot, open Settings › Users & Teams.',
        "Click the agency's user, then Actions › Remove user (or Deactivate), and confirm.",
      ],
    },
  },
  {
    id: 'wordpress',
    slug: 'wordpress',
    source: 'https://wordpress.org/documentation/article/users-add-new-screen/',
    definition: {
      name: 'WordPress',
      logo: null,
      actionUrl: null,
      inviteEmail: null,
      steps: [
        'Sign in to your WordPress dashboard (your-site/wp-admin) as an Administrator.',
        'Go to Users › Add New User (or Add New).',
        'Enter a username and {email}, leave "Send User Notification" ticked.',
        'Choose the role {level}, then click Add New User.',
        '{agency} sets its password from the email WordPress sends.',
      ],
      fields: [{ id: 'site_url', label: 'Your site’s address', kind: 'url', required: true }],
      levels: [
        {
          id: 'editor',
          label: 'Editor',
          description: 'Publishes and manages posts and pages, including others’.',
        },
        {
          id: 'administrator',
          label: 'Administrator',
          description: 'Every administration feature of the site.',
        },
      ],
      confirmedBy: 'agency',
      removal: [
        'Sign in to wp-admin as an Administrator and open Users › All Users.',
        "Hover over the agency's user, click Delete, choose what happens to its content, and confirm.",
      ],
    },
  },
  {
    id: 'webflow',
    slug: 'webflow',
    source: 'https://help.webflow.com/hc/en-us/articles/33961254829843',
    definition: {
      name: 'Webflow',
      logo: null,
      actionUrl: 'https://webflow.com/dashboard',
      inviteEmail: null,
      steps: [
        'Sign in to Webflow as a Workspace Owner or Admin and open the site.',
        'Click the Share button in the top toolbar.',
        'Enter {email} and choose the Workspace role {level} from the drop-down.',
        'Click Invite; {agency} accepts from the email Webflow sends.',
      ],
      fields: [
        { id: 'site_name', label: 'Webflow site name', kind: 'text', required: true },
        { id: 'workspace', label: 'Workspace name', kind: 'text', required: false },
      ],
      levels: [
        { id: 'reviewer', label: 'Reviewer', description: 'Views the site and leaves comments.' },
        { id: 'member', label: 'Member', description: 'Edits the Workspace’s sites.' },
        { id: 'admin', label: 'Admin', description: 'Manages the Workspace and its members.' },
      ],
      confirmedBy: 'agency',
      removal: [
        'In Webflow, open the Workspace settings › Members (Team).',
        "Find the agency's member and remove it from the Workspace.",
      ],
    },
  },
  {
    id: 'squarespace',
    slug: 'squarespace',
    source: 'https://support.squarespace.com/hc/en-us/articles/206537287',
    definition: {
      name: 'Squarespace',
      logo: null,
      actionUrl: 'https://account.squarespace.com/',
      inviteEmail: null,
      steps: [
        'Sign in to Squarespace as the site Owner or an Administrator.',
        'Open Settings, then Permissions & Ownership, and click Invite Contributor.',
        'Enter {agency} and {email}.',
        'Switch on the permission {level}, then click Invite.',
        '{agency} accepts from the email Squarespace sends.',
      ],
      fields: [{ id: 'site_url', label: 'Your site’s address', kind: 'url', required: true }],
      levels: [
        {
          id: 'website_editor',
          label: 'Website editor',
          description: 'Edits pages and content, not settings.',
        },
        {
          id: 'administrator',
          label: 'Administrator',
          description: 'Every permission but ownership.',
        },
      ],
      confirmedBy: 'agency',
      removal: [
        'In Squarespace, open Settings › Permissions & Ownership.',
        "Click the agency's contributor, then Remove permissions (or remove the contributor) and confirm.",
      ],
    },
  },
  {
    id: 'wix',
    slug: 'wix',
    source: 'https://support.wix.com/en/article/inviting-people-to-contribute-to-your-site',
    definition: {
      name: 'Wix',
      logo: null,
      actionUrl: 'https://manage.wix.com/',
      inviteEmail: null,
      steps: [
        'Sign in to Wix as the site owner or a co-owner and open the site’s dashboard.',
        'Go to Settings › Roles & Permissions and click Invite People (Invite Collaborators).',
        'Enter {email} and tick the role {level}.',
        'Click Send Invite; the invitation is valid for 30 days and {agency} accepts it from its email.',
      ],
      fields: [{ id: 'site_url', label: 'Your site’s address', kind: 'url', required: true }],
      levels: [
        {
          id: 'website_manager',
          label: 'Website Manager',
          description: 'Edits the site and dashboard; no billing, no deleting the site.',
        },
        {
          id: 'admin',
          label: 'Admin (Co-Owner)',
          description: 'Everything the owner can do except delete the site.',
        },
      ],
      confirmedBy: 'agency',
      removal: [
        'In the Wix dashboard, open Settings › Roles & Permissions.',
        "Hover over the agency's collaborator, click More Actions and remove it.",
      ],
    },
  },
  {
    id: 'google_business_profile_manual',
    slug: 'google_business_profile',
    source: 'https://support.google.com/business/answer/3403100',
    definition: {
      name: 'Google Business Profile (by hand)',
      logo: null,
      actionUrl: 'https://business.google.com/',
      inviteEmail: null,
      steps: [
        'Sign in to the Google account that owns the Business Profile (only owners can add people).',
        'Open your Business Profile, click Menu › Business Profile settings › People and access.',
        'At the top left, click Add and enter {email}.',
        'Under Access, choose {level}, then click Invite.',
        '{agency} accepts the invitation; new managers wait 7 days for some actions.',
      ],
      fields: [
        {
          id: 'business_name',
          label: 'Business name as it shows on Google',
          kind: 'text',
          required: true,
        },
        { id: 'maps_url', label: 'Google Maps link to the business', kind: 'url', required: false },
      ],
      levels: [
        {
          id: 'manager',
          label: 'Manager',
          description: 'Edits the profile, replies to reviews; cannot add or remove people.',
        },
        {
          id: 'owner',
          label: 'Owner',
          description: 'Everything, including adding and removing people.',
        },
      ],
      confirmedBy: 'agency',
      removal: [
        'Open the Business Profile: Menu › Business Profile settings › People and access.',
        "Select the agency's user and click Remove person.",
      ],
    },
  },
  {
    id: 'amazon_ads',
    slug: 'amazon_ads',
    source: 'https://advertising.amazon.com/help/GU3YDB26FR7XT3C8',
    definition: {
      name: 'Amazon Ads',
      logo: null,
      actionUrl: 'https://advertising.amazon.com/',
      inviteEmail: null,
      steps: [
        'Sign in to the Amazon Ads console as an Admin of the account.',
        'In the menu, open Administration › User management (Access and settings).',
        'Click Invite user (Add user), enter {email}, and choose the access level {level}.',
        'Send the invitation; {agency} accepts it from the email Amazon sends.',
      ],
      fields: [
        { id: 'account_name', label: 'Advertising account name', kind: 'text', required: true },
        {
          id: 'marketplace',
          label: 'Marketplace (e.g. amazon.com)',
          kind: 'text',
          required: false,
        },
      ],
      levels: [
        {
          id: 'viewer',
          label: 'Viewer',
          description: 'Views campaigns and reports; changes nothing.',
        },
        {
          id: 'editor',
          label: 'Editor',
          description: 'Creates and manages campaigns; no users or payments.',
        },
        {
          id: 'admin',
          label: 'Admin',
          description: 'Everything, including users and payment settings.',
        },
      ],
      confirmedBy: 'agency',
      removal: [
        'In the Amazon Ads console, open Administration › User management.',
        "Find the agency's user and remove its access (Remove user).",
      ],
    },
  },
];

/** A ready-made definition by id. */
export function findReadyMade(id: string): ReadyMadeDefinition | undefined {
  return readyMadeDefinitions.find((r) => r.id === id);
}
