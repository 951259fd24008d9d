import { PASSWORD_POLICY } from '../../infra/password-policy';
import { CognitoError } from './cognito-error';

// The characters Cognito counts as symbols; any other character counts as none of the classes.
const SYMBOL = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** The deployed pool's password policy, checked as SignUp checks it even when no one will ever type the password. */
export function checkPassword(password: string): void {
  const policy = PASSWORD_POLICY;
  const rules: [boolean, string][] = [
    [password.length >= policy.minLength, 'Password not long enough'],
    [!policy.requireUppercase || /[A-Z]/.test(password), 'Password must have uppercase characters'],
    [!policy.requireLowercase || /[a-z]/.test(password), 'Password must have lowercase characters'],
    [!policy.requireDigits || /[0-9]/.test(password), 'Password must have numeric characters'],
    [!policy.requireSymbols || SYMBOL.test(password), 'Password must have symbol characters'],
  ];
  const broken = rules.find(([ok]) => !ok);
  if (broken) throw new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${broken[1]}`);
}
