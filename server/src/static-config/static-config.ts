/** Public entry of the static configuration: load it, query it, render its templates. */
export { loadStaticConfig } from "./static-config.loader.js";
export { StaticConfigError, formatProblem, type ConfigProblem } from "./config-problem.js";
export type * from "./static-config.types.js";
export {
  chatTemplate,
  emailTemplate,
  findApi,
  findContentPage,
  findGroup,
  findPlan,
  groupIdsAndAltIds,
  groupsWithFlag,
} from "./static-config.queries.js";
export {
  chatEvents,
  chatTemplateVariables,
  defaultLocale,
  emailTemplateNames,
  emailTemplateVariables,
  type ChatEvent,
  type EmailTemplateName,
} from "./template-catalog.js";
export { escapeHtml, renderTemplate } from "./template-placeholders.js";
