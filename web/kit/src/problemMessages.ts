/**
 * What a refusal says in Korean, by its code. The services write their problem documents in
 * English; an English page shows the server's own sentence (it names the seat, the slug), a
 * Korean one shows this, with the seats the problem lists. A code not here shows the server's.
 */
export const KO_PROBLEMS: Readonly<Record<string, string>> = {
  // accounts
  INVALID_CREDENTIALS: '이메일 또는 비밀번호가 맞지 않습니다.',
  EMAIL_TAKEN: '이 이메일로 가입한 계정이 이미 있습니다.',
  TOO_MANY_LOGIN_ATTEMPTS: '로그인 시도가 너무 많습니다. 잠시 후 다시 시도하세요.',
  PASSWORD_MISMATCH: '비밀번호가 맞지 않습니다.',
  TOKEN_MISSING: '로그인이 필요합니다.',
  TOKEN_EXPIRED: '로그인이 만료되었습니다. 다시 로그인하세요.',
  INVALID_TOKEN: '로그인이 유효하지 않습니다. 다시 로그인하세요.',
  SESSION_REVOKED: '로그인이 끝났습니다. 다시 로그인하세요.',
  WRONG_ROLE: '이 계정으로는 할 수 없는 일입니다.',
  // buying
  SEATS_TAKEN: '다른 사람이 먼저 잡은 좌석이 있습니다.',
  UNKNOWN_SEATS: '없는 좌석입니다.',
  TOO_MANY_SEATS: '한 번에 잡을 수 있는 좌석 수를 넘었습니다.',
  SEAT_LIMIT_REACHED: '한 사람이 살 수 있는 좌석 수를 넘었습니다.',
  SALE_NOT_OPEN: '아직 예매가 열리지 않았습니다.',
  SALE_CLOSED: '공연이 시작되어 예매가 끝났습니다.',
  HOLD_EXPIRED: '좌석을 맡아 둔 시간이 끝났거나 더 이상 유효하지 않습니다. 결제되지 않았습니다. 좌석을 다시 고르세요.',
  HOLD_NOT_ACTIVE: '이미 풀렸거나 결제된 좌석입니다.',
  NOT_YOUR_HOLD: '다른 사람이 잡은 좌석입니다.',
  PAYMENT_DECLINED: '결제가 거절되었습니다. 좌석은 맡아 둔 시간이 끝날 때까지 유지됩니다.',
  'PAYMENT_DECLINED:insufficient_funds': '카드 잔액이 부족해 결제가 거절되었습니다. 다른 카드로 결제하세요. 좌석은 맡아 둔 시간이 끝날 때까지 유지됩니다.',
  'PAYMENT_DECLINED:live_card_in_test_mode': '실제 카드는 받지 않습니다. 테스트 카드로 결제하세요. 좌석은 맡아 둔 시간이 끝날 때까지 유지됩니다.',
  CARD_INVALID: '카드 정보가 올바르지 않습니다. 카드 번호, 유효기간, CVC를 확인하세요. 좌석은 유지됩니다.',
  PAYMENTS_UNAVAILABLE: '결제 서비스에 연결할 수 없습니다. 결제되지 않았습니다. 잠시 후 다시 시도하세요.',
  PAYMENTS_TIMEOUT: '결제 서비스가 제때 응답하지 않았습니다. 같은 화면에서 다시 시도하세요. 두 번 결제되지 않습니다.',
  REQUEST_IN_PROGRESS: '같은 결제가 아직 처리 중입니다. 잠시 후 다시 시도하세요.',
  ALREADY_REFUNDED: '이미 환불된 표입니다.',
  REFUND_IN_PROGRESS: '환불이 처리 중입니다.',
  PERFORMANCE_STARTED: '공연이 이미 시작되어 환불할 수 없습니다.',
  // selling
  SEATS_IN_USE: '팔렸거나 잡혀 있는 좌석은 없애거나 다른 등급으로 옮길 수 없습니다.',
  NOT_OWNER: '이 공연의 판매자가 아닙니다.',
  PERFORMANCE_EXISTS: '이 공연은 이미 등록되었습니다.',
  // deploying
  SLUG_TAKEN: '이 주소(slug)는 다른 공연이 이미 쓰고 있습니다.',
  SLUG_IMMUTABLE: '배포의 주소(slug)는 바꿀 수 없습니다.',
  INVALID_VALUES: '입력한 값이 템플릿에 맞지 않습니다. 표시된 칸을 확인하세요.',
  DEPLOYMENT_BUSY: '배포가 진행 중입니다. 끝난 뒤에 다시 시도하세요.',
  TICKETS_SOLD: '팔린 표가 있어 삭제할 수 없습니다.',
  NOT_YOUR_DEPLOYMENT: '내 배포가 아니고, 멤버로 추가되지도 않았습니다.',
  TOO_MANY_REPLICAS: '복제본 수가 허용된 최대를 넘습니다.',
  // any service
  VALIDATION_FAILED: '입력한 값에 문제가 있습니다. 표시된 칸을 확인하세요.',
  DATABASE_UNAVAILABLE: '지금은 요청을 처리할 수 없습니다. 잠시 후 다시 시도하세요.',
  SHUTTING_DOWN: '서비스가 다시 시작되는 중입니다. 잠시 후 다시 시도하세요.',
  UPSTREAM_UNAVAILABLE: '서비스에 연결할 수 없습니다. 잠시 후 다시 시도하세요.',
  UPSTREAM_TIMEOUT: '서비스가 제때 응답하지 않았습니다. 잠시 후 다시 시도하세요.',
  RATE_LIMITED: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.',
};
