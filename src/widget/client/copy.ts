// The widget's own words. The answers themselves come from the server, in the customer's language.

const PROGRESS: Record<string, string> = {
  getAccountOverview: 'Checking your account…',
  getSubscription: 'Checking your subscription…',
  getRecentPayments: 'Looking up your payments…',
  getPlanCatalogue: 'Looking up our plans…',
  requestHuman: 'Bringing in a person…',
};

export const COPY = {
  heading: 'Billing help',
  intro: 'Ask about your subscription, payments or plan.',
  signedOut: 'Not signed in: sign in to ask about your account.',
  label: 'Your question',
  placeholder: 'Is my subscription active?',
  send: 'Send',
  newChat: 'New conversation',
  log: 'Conversation',
  you: 'You',
  assistant: 'Support',
  waiting: 'Working on it…',
  progress: (tool: string) => PROGRESS[tool] ?? 'Checking your account…',
  handoff: 'Handed to our support team. Your reference:',
  rateLimited: (s: number) =>
    `You are sending messages too quickly. Please wait ${s} second${s === 1 ? '' : 's'} and try again.`,
  unauthorized: 'Your session has expired. Please sign in again, then resend your message.',
  rejected: 'That message could not be sent.',
  failed: 'Something went wrong. Please try again.',
  interrupted: 'The answer was interrupted. Please try again.',
  turnLimit: 'Start a new conversation to keep going.',
} as const;
