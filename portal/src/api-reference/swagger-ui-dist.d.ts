// The few members of swagger-ui-dist's bundle the API reference uses (the package ships no types).
declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  interface SwaggerUIOptions {
    domNode: HTMLElement;
    spec?: Record<string, unknown>;
    url?: string;
    deepLinking?: boolean;
    tryItOutEnabled?: boolean;
    persistAuthorization?: boolean;
    withCredentials?: boolean;
    defaultModelsExpandDepth?: number;
    onComplete?: () => void;
    plugins?: unknown[];
    layout?: string;
  }
  interface SwaggerUIInstance {
    preauthorizeApiKey(securitySchemeName: string, key: string): void;
  }
  const SwaggerUI: (options: SwaggerUIOptions) => SwaggerUIInstance;
  export default SwaggerUI;
}
