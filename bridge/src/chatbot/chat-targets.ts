import { chatTargetTypes, type ChatTargetType } from "./chat-message.js";

/** A target of `chatbot.targets` as the portal reports it. */
export interface ChatTargetSetting {
  readonly id: string;
  readonly type: string;
  readonly urlVariable: string;
  /** Chat templates (events of the static configuration) it wants, e.g. `approval-requested`. */
  readonly events: readonly string[];
  /** Its own templates, which replace the shared ones of these events for this target. */
  readonly templates?: readonly {
    readonly event: string;
    readonly title: string | null;
    readonly text: string;
  }[];
}

export type ChatTarget =
  | (ChatTargetSetting & { readonly type: ChatTargetType; readonly enabled: true; readonly url: string })
  | (ChatTargetSetting & { readonly enabled: false; readonly problem: string });

/**
 * Finds each target's secret URL in the environment. A target whose variable is missing or not an http(s) URL is
 * disabled, not fatal: the other targets keep working, the chatbot reports itself degraded, and every message for
 * the disabled target is recorded as FAILED with the problem, so administrators see what did not arrive.
 */
export function resolveChatTargets(
  settings: readonly ChatTargetSetting[],
  webhookUrl: (variable: string) => string | undefined,
): ChatTarget[] {
  return settings.map((setting): ChatTarget => {
    if (!(chatTargetTypes as readonly string[]).includes(setting.type))
      return {
        ...setting,
        enabled: false,
        problem: `the chatbot does not know the target type "${setting.type}"`,
      };
    const url = webhookUrl(setting.urlVariable);
    if (!url)
      return {
        ...setting,
        enabled: false,
        problem: `${setting.urlVariable} (the target's webhook URL) is not set`,
      };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ...setting, enabled: false, problem: `${setting.urlVariable} is not a URL` };
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
      return { ...setting, enabled: false, problem: `${setting.urlVariable} is not an http(s) URL` };
    return { ...setting, type: setting.type as ChatTargetType, enabled: true, url };
  });
}
