/**
 * The client page in English, the language every other catalogue translates. Placeholders are
 * `{name}`; `{place}` is where the client removes access later (see places.ts).
 */
export const en = {
  title: '{agency} asks for access',
  intro:
    '{agency} would like access to the items below in your {platform} account, so they can work on your marketing without your password. Nothing is shared until you approve, and you can remove access at any time in {place}.',
  asked: 'What is asked',
  stepOf: 'Step {n} of {total}: {platform}',
  connect: 'Connect {platform}',
  connected: '{platform} is connected.',
  connectAgain: 'Connect again',
  agencyNotReady:
    '{agency} has not finished connecting its own {platform} account yet, so nothing can be shared right now. Please let them know, and come back to this link later.',
  pick: 'Tick what to share',
  pickHint: 'These are the assets your {platform} sign-in can see. Tick the ones {agency} may use.',
  none: 'Your {platform} sign-in sees no {type}. Connect again with an account that manages it, or ask {agency} what to do.',
  approve: 'Approve and share',
  approving: 'Sharing…',
  progress: 'Progress',
  receipt: 'Receipt',
  receiptIntro: '{agency} now has access to the items marked “{shared}” below.',
  status_queued: 'Waiting to start',
  status_running: 'Sharing…',
  status_granted: 'Shared',
  status_pending_acceptance: 'Shared, waiting for {agency} to accept',
  status_needs_manual_step: 'Your step is needed',
  status_failed: 'Could not share',
  status_revoked: 'Removed',
  alreadyShared: 'This was already shared with {agency}: nothing changed.',
  checkAgain: 'Check again',
  scan: 'Scan this QR code with the TikTok app on the phone signed in to the account:',
  qrAlt: 'QR code',
  openLink: 'Open the link',
  denied: 'You cancelled on {platform}. Connect again when you are ready.',
  connectFailed: '{platform} did not confirm the sign-in. Please try again.',
  loading: 'Loading…',
  language: 'Language',
  level: 'Access level',
  ends: 'Access ends on {date}.',
  done: 'All done. You can close this page.',
  waiting: 'This page updates by itself.',
  guidedIntro:
    'No sign-in is needed for {platform}. Tell us which one below; after you approve you will see the exact steps to follow in {platform}.',
  guided_site_url: 'Your Search Console property (https://www.example.com/ or example.com)',
  guided_channel: 'Your YouTube channel (@handle or its youtube.com address)',
  guided_ads_account: 'Your X ads account ID (such as 18ce54d4x5t, as X ads manager shows it)',
  guided_store: 'Your store address (your-store.myshopify.com)',
  guided_code: 'Collaborator request code (4 digits, if your store uses one)',
  iHaveDoneThis: 'I have done this',
  notThereYet:
    'We cannot see the access for {agency} yet. Check each step above (the email, the property) and press the button again; it can take a minute to show.',
  confirmedByClient: 'Confirmed by you: {platform} has no way for us to check it.',
  confirmedByAgency: 'Marked done by {agency}: {platform} has no way for us to check it.',
  waitingForAgency:
    '{agency} now requests access from its Shopify Partner Dashboard. Accept the request in your Shopify admin when it arrives; {agency} marks it done here.',
  pendingAgency:
    'Nothing more to do on your side: {agency} must now accept the invitation in {platform}. This page shows it as soon as they do.',
  nextWorking: 'Latchkey is sharing the rest with {agency}; this takes a few seconds.',
  nextAgency:
    '{agency} must accept the invitation in its own {platform} account ({count} item(s)). You need not do anything for these.',
  nextYou: 'Your turn: follow the steps shown for {count} item(s) below.',
  nextTitle: 'What happens next',
  receiptNothing: 'Nothing was shared with {agency}.',
  receiptRemoved:
    '{agency} no longer has access to these items: the access was removed when your work together ended. You need not do anything.',
  errorNotFound: 'This link does not exist. Check that you copied all of it.',
  errorExpired: 'This link has expired. Ask the agency for a new one.',
  errorWithdrawn: 'The agency has withdrawn this link. Ask them for a new one.',
  errorTooMany: 'Too many tries. Wait a minute, then try again.',
  errorUnavailable: 'The platform did not answer: try again in a moment.',
  errorGeneric: 'Something went wrong. Try again in a moment.',
} as const;
