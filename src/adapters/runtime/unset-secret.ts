/**
 * What a secret created by the infrastructure holds until its owner puts the real value in:
 * a cold start that reads it fails saying how to fill it, rather than calling a provider with it.
 * A module of its own, importing nothing, so that the construct can use it without the function's adapters.
 */
export const UNSET_SECRET_VALUE = 'unset: put the real value with aws secretsmanager put-secret-value';
