package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.EvidenceNotRecordedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Any API call whose evidence could not be made durable answers 503 with Retry-After: the caller retries the same
 * request, which is idempotent (a consent change already in force is recorded once, ADR-0005), instead of a 500
 * that reads as "your request was wrong".
 */
@RestControllerAdvice
class EvidenceFailureAdvice {

    private static final Logger log = LoggerFactory.getLogger(EvidenceFailureAdvice.class);

    @ExceptionHandler(EvidenceNotRecordedException.class)
    ResponseEntity<ProblemDetail> evidenceNotRecorded(EvidenceNotRecordedException e) {
        log.error("A request's evidence could not be recorded; answered 503 so that it is retried: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The evidence ledger could not record this change just now; retry the same request (it is idempotent).");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
    }
}
