/**
 * One error hierarchy for the whole system. Domain code throws these; the HTTP layer maps them
 * to status codes in one place (functions/commons/error-handler.ts). Anything else is a 500 whose
 * details stay in the logs.
 */
export interface Message {
  sv: string;
  en: string;
}

export interface FieldError {
  /** Dotted path into the submitted JSON, e.g. "grant.amount" ("" for the body itself). */
  path: string;
  /** Stable, documented code (shared/forms/codes.ts). */
  code: string;
  message: Message;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(readonly userMessage: Message) {
    super(userMessage.en);
    this.name = new.target.name;
  }
  toBody(): Record<string, unknown> {
    return { code: this.code, message: this.userMessage };
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = "VALIDATION_FAILED";
  constructor(readonly errors: FieldError[]) {
    super({ sv: "Uppgifterna innehåller fel.", en: "The submitted data has errors." });
  }
  override toBody() {
    return { ...super.toBody(), errors: this.errors };
  }
}

export class BadRequestError extends AppError {
  readonly status = 400;
  constructor(
    readonly code: string,
    message: Message,
  ) {
    super(message);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = "UNAUTHORIZED";
  constructor(message: Message = { sv: "Inloggning krävs.", en: "Sign-in required." }) {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  /** A stable code where the refusal has a reason of its own (ROLE_REQUIRED, ATTESTANT_IS_PROPOSER …). */
  constructor(
    message: Message = { sv: "Du har inte behörighet till detta.", en: "You are not allowed to do this." },
    readonly code: string = "FORBIDDEN",
    /** Extra facts for scripts, e.g. `{ role: "signatory" }`; never a field path. */
    readonly facts: Record<string, string> = {},
  ) {
    super(message);
  }
  override toBody() {
    return { ...super.toBody(), ...this.facts };
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = "NOT_FOUND";
  constructor(what: Message = { sv: "Hittades inte.", en: "Not found." }) {
    super(what);
  }
}

/** A valid request that the current state does not allow (409), with a stable code. */
export class ConflictError extends AppError {
  readonly status = 409;
  constructor(
    readonly code: string,
    message: Message,
  ) {
    super(message);
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = "PAYLOAD_TOO_LARGE";
  constructor(limitBytes: number) {
    super({
      sv: `Begäran är för stor (högst ${limitBytes} byte).`,
      en: `The request is too large (at most ${limitBytes} bytes).`,
    });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = "UNSUPPORTED_MEDIA_TYPE";
  constructor() {
    super({
      sv: "Begäran måste vara JSON (application/json).",
      en: "The request must be JSON (application/json).",
    });
  }
}

/** A dependency is down; the client may retry the same request (with its Idempotency-Key). */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly code = "SERVICE_UNAVAILABLE";
  constructor() {
    super({
      sv: "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
      en: "The service is temporarily unavailable. Please try again shortly.",
    });
  }
}
