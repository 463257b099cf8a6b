// The names AIQ's endpoints go by in shape reports, logs and the compatibility check (method + path template).
export const ENDPOINT = {
  listPersonas: 'GET /api/v1.1/piis/{uid}',
  getPersona: 'GET /api/v1.1/piis/{uid}/{contactID}',
  getPersonaBySrcId: 'GET /api/v1.1/piis/{uid}/bysrcid/{srcID}',
  signUp: 'POST /api/v2/loyalty',
  getOverrides: 'GET /api/v2/loyaltyContact/override/{uid}/{contactID}',
  setOverrides: 'POST /api/v2/loyaltyContact/override/{uid}/{contactID}',
  lookupLoyalty: 'GET /api/v2/loyalty/lookup/{pii}',
  setSmsOptIn: 'PUT /api/v2/optin/text/{phone}/{status}',
  adjustPoints: 'PUT /api/v1.1/adjust/loyaltyPoints/{uid}/{contactID}',
  listAdjustments: 'GET /api/v1.1/adjustments/{uid}/{start}/{end}',
  getTraits: 'GET /api/v1.1/contact/traits/{uid}/{contactID}',
  addTraits: 'POST /api/v1.1/contact/traits/{uid}/{contactID}',
  replaceTraits: 'PUT /api/v1.1/contact/traits/{uid}/{contactID}',
  getOrders: 'GET /api/v1.1/contact/orders/{uid}/{contactID}',
  getTimeline: 'GET /api/v1.1/contact/loyaltyPoints/timeline/{uid}/{contactID}',
  getRecommendations: 'GET /api/v2/contact/recommendations/{contactID}',
  getWallet: 'POST /api/v2/wallet',
  listStores: 'GET /api/v1.1/stores/{uid}',
  redeem: 'PUT {redemptionURL}/{transactionID}',
  listRedemptions: 'GET /api/v1.1/redemptions/{uid}/{start}/{end}',
} as const
export type EndpointName = keyof typeof ENDPOINT
export type Endpoint = (typeof ENDPOINT)[EndpointName]
