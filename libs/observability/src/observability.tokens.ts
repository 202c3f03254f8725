/** Injection token of the resolved `ObservabilityModuleOptions`. */
export const OBSERVABILITY_OPTIONS = Symbol('OBSERVABILITY_OPTIONS');
