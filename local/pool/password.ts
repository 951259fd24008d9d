import { PASSWORD_POLICY } from '../../infra/password-policy';
import { CognitoError } from './cognito-error';

// The characters Cognito counts as symbols; any other character counts as none of the classes.
const SYMBOL = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** The deployed pool's password policy, checked as SignUp checks it even when no one will ever type the password. */
export function checkPassword(password: string): void {
  const { minLength, requireUppercase, requireLowercase, requireDigits, requireSymbols } = PASSWORD_POLICY;
  const rules: [boolean, string][] = [
    [password.length >= minLength, 'Password not long enough'],
    [!requireUppercase || /[A-Z]/.test(password), 'Password must have uppercase characters'],
    [!requireLowercase || /[a-z]/.test(password), 'Password must have lowercase characters'],
    [!requireDigits || /[0-9]/.test(password), 'Password must have numeric characters'],
    [!requireSymbols || SYMBOL.test(password), 'Password must have symbol characters'],
  ];
  const broken = rules.find(([ok]) => !ok);
  if (broken) throw new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${broken[1]}`);
}
