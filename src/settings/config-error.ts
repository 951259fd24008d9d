import { AppError } from '../domain/errors';

/** A setting is missing or invalid; the message starts with the variable's name and says what it accepts. */
export class ConfigError extends AppError {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  readonly userVisible = false;
  constructor(
    readonly variable: string,
    accepts: string,
  ) {
    super(`${variable} ${accepts}`);
  }
}
