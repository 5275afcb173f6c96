import type { Lang, Role } from './session';
import { KO_PROBLEMS } from '@clove/web-kit/problemMessages';

const en = {
  email: 'Email',
  password: 'Password',
  name: 'Name',
  role: 'Account type',
  buyer: 'Buyer',
  seller: 'Seller',
  admin: 'Administrator',
  optional: 'Optional.',
  passwordHint: 'At least 10 characters.',
  signupHeading: 'Sign up',
  signupButton: 'Sign up',
  signupPending: 'Signing up…',
  loginHeading: 'Log in',
  loginButton: 'Log in',
  loginPending: 'Logging in…',
  accountHeading: 'Account',
  logoutButton: 'Log out',
  logoutPending: 'Logging out…',
  deleteButton: 'Delete account',
  deletePending: 'Deleting…',
  deleteWarning: 'Deleting your account permanently removes your email and name. Tickets you bought stay valid. Enter your password to confirm.',
  cancel: 'Cancel',
  noAccount: 'New to Clove?',
  haveAccount: 'Already have an account?',
  signupLink: 'Sign up',
  loginLink: 'Log in',
  loggedInAs: 'Logged in as',
  goToAccount: 'Go to your account',
  loggedOut: 'You are not logged in.',
  notSet: 'Not set',
  accountRole: 'Role',
  required: 'Enter this field.',
  invalidEmail: 'Enter an email address such as name@example.com.',
  tooShort: 'Use at least 10 characters.',
  checkFields: 'Check the highlighted fields.',
  networkError: 'Clove could not be reached. Check your connection and try again.',
  unexpectedError: 'Something went wrong. Try again.',
  /** Refusals in the page's language, by code; English pages show the server's own sentence. */
  problems: {} as Readonly<Record<string, string>>,
};

export type Messages = typeof en;

const ko: Messages = {
  email: '이메일',
  password: '비밀번호',
  name: '이름',
  role: '회원 유형',
  buyer: '구매자',
  seller: '판매자',
  admin: '관리자',
  optional: '선택 입력입니다.',
  passwordHint: '10자 이상 입력하세요.',
  signupHeading: '회원가입',
  signupButton: '가입하기',
  signupPending: '가입하는 중…',
  loginHeading: '로그인',
  loginButton: '로그인',
  loginPending: '로그인하는 중…',
  accountHeading: '내 계정',
  logoutButton: '로그아웃',
  logoutPending: '로그아웃하는 중…',
  deleteButton: '계정 삭제',
  deletePending: '삭제하는 중…',
  deleteWarning: '계정을 삭제하면 이메일과 이름이 영구히 지워집니다. 구매한 티켓은 그대로 유효합니다. 확인을 위해 비밀번호를 입력하세요.',
  cancel: '취소',
  noAccount: 'Clove가 처음이신가요?',
  haveAccount: '이미 계정이 있으신가요?',
  signupLink: '회원가입',
  loginLink: '로그인',
  loggedInAs: '로그인한 계정:',
  goToAccount: '내 계정으로 가기',
  loggedOut: '로그인되어 있지 않습니다.',
  notSet: '입력하지 않음',
  accountRole: '역할',
  required: '이 항목을 입력하세요.',
  invalidEmail: 'name@example.com 형식의 이메일 주소를 입력하세요.',
  tooShort: '10자 이상 입력하세요.',
  checkFields: '표시된 항목을 확인하세요.',
  networkError: 'Clove에 연결하지 못했습니다. 연결 상태를 확인하고 다시 시도하세요.',
  unexpectedError: '문제가 발생했습니다. 다시 시도하세요.',
  problems: KO_PROBLEMS,
};

const dictionaries: Record<Lang, Messages> = { ko, en };

export function messages(lang: Lang): Messages {
  return dictionaries[lang] ?? ko;
}

export function roleLabel(t: Messages, role: Role): string {
  return t[role];
}
