export { isRetryableStatus, ProviderError, type ProviderErrorDetails } from "./provider-error.js";
