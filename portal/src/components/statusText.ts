/** What each subscription status means for the developer. */
export const subscriptionStatusText: Readonly<Record<string, { label: string; explanation: string }>> = {
  PENDING_APPROVAL: {
    label: "Waiting for approval",
    explanation:
      "This plan is reviewed by the API's team. You get your credentials here as soon as the request is approved; this page updates by itself.",
  },
  APPROVED: {
    label: "Approved",
    explanation: "Your credentials are issued; the API gateway is being configured for them.",
  },
  PROVISIONED: { label: "Provisioned", explanation: "Active: the API gateway accepts your credentials." },
  PROVISIONING_FAILED: {
    label: "Provisioning failed",
    explanation:
      "The API gateway could not be configured (the reason is below). The portal retries; contact support if this stays.",
  },
  DECLINED: { label: "Declined", explanation: "The API's team declined this request." },
};
