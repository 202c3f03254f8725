/** Touchpoint channels an event may name. */
export const CHANNELS = [
  'web',
  'mobile_app',
  'email',
  'sms',
  'push',
  'store',
  'call_center',
  'social',
  'ads',
  'partner',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];
