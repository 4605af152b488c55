package io.trustregistry.app.http;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.trustregistry.app.observability.ErrorMessageRecord;
import io.trustregistry.app.observability.FatalErrors;
import io.trustregistry.core.error.ConflictException;
import io.trustregistry.core.error.DependencyUnavailableException;
import io.trustregistry.core.error.DownloadRejectedException;
import io.trustregistry.core.error.InvalidCredentialsException;
import io.trustregistry.core.error.InvalidRequestException;
import io.trustregistry.core.error.NotAuthenticatedException;
import io.trustregistry.core.error.NotFoundException;
import io.trustregistry.core.error.PermissionDeniedException;
import io.trustregistry.core.error.RatingRejectedException;
import io.trustregistry.core.error.RatingUnavailableException;
import io.trustregistry.core.error.RegistryException;
import io.trustregistry.core.error.TooManyRequestsException;
import io.trustregistry.core.error.TransactionFailedException;
import io.trustregistry.core.error.UpstreamException;

/**
 * Maps every failure onto the status the contract requires, once, for the whole routing.
 * Every error body is {@code {"status":..., "error":..., "message":...}}. Unexpected failures
 * are logged with their stack trace and answered with a generic 500 that leaks nothing.
 */
public final class ErrorResponses {

    /** A sensitive model's monitor refused the download (RFC 7725: blocked by the organisation's policy). */
    static final Status MONITOR_REJECTED = Status.create(451, "Unavailable For Legal Reasons");

    private static final System.Logger LOG = System.getLogger(ErrorResponses.class.getName());
    private static final OutageLog OUTAGES = new OutageLog(java.time.Duration.ofMinutes(1));

    private ErrorResponses() {
    }

    /** Installs the error handlers on {@code routing}. */
    public static void install(HttpRouting.Builder routing) {
        routing.error(RegistryException.class, (req, res, e) -> {
            // an adapter may have wrapped an OutOfMemoryError (a driver's "ran out of memory" as a 503)
            FatalErrors.haltIfFatal(e);
            if (e instanceof TooManyRequestsException throttled) {
                res.header("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
            }
            if (e instanceof UpstreamException.RateLimited limited) {
                // the upstream's own reset time, so a client can wait exactly as long
                limited.retryAfter().ifPresent(wait -> res.header("Retry-After",
                        Long.toString(Math.max(1, wait.toSeconds()))));
            }
            if (e instanceof DependencyUnavailableException || e instanceof UpstreamException.Unavailable) {
                OUTAGES.note(statusOf(e), e.getMessage());
            }
            if (e instanceof DownloadRejectedException rejected) {
                Map<String, Object> body = body(statusOf(e), e.getMessage());
                body.put("download_check", ResponseShapes.downloadCheck(rejected.check()));
                JsonBodies.send(res, statusOf(e), body);
                return;
            }
            send(res, statusOf(e), e.getMessage());
        });
        routing.error(JsonBodies.PayloadTooLargeException.class,
                (req, res, e) -> send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, e.getMessage()));
        routing.error(HttpException.class, (req, res, e) -> send(res, e.status(), helidonMessage(e)));
        routing.error(IllegalArgumentException.class, (req, res, e) -> send(res, Status.BAD_REQUEST_400,
                e.getMessage() == null ? "invalid request" : e.getMessage()));
        routing.error(Throwable.class, ErrorResponses::unexpected);
    }

    /** The status for each reason a use case can fail. */
    static Status statusOf(RegistryException e) {
        return switch (e) {
            case InvalidRequestException x -> Status.BAD_REQUEST_400;
            case NotAuthenticatedException x -> Status.FORBIDDEN_403;
            case InvalidCredentialsException x -> Status.UNAUTHORIZED_401;
            case PermissionDeniedException x -> Status.UNAUTHORIZED_401;
            case NotFoundException x -> Status.NOT_FOUND_404;
            case ConflictException x -> Status.CONFLICT_409;
            case UpstreamException.Unavailable x -> Status.BAD_GATEWAY_502;
            case UpstreamException.RateLimited x -> Status.SERVICE_UNAVAILABLE_503;
            case UpstreamException.CredentialsRejected x -> Status.SERVICE_UNAVAILABLE_503;
            case UpstreamException x -> Status.BAD_REQUEST_400;
            case DependencyUnavailableException x -> Status.SERVICE_UNAVAILABLE_503;
            case RatingRejectedException x -> Status.FAILED_DEPENDENCY_424;
            case RatingUnavailableException x -> Status.INTERNAL_SERVER_ERROR_500;
            case TooManyRequestsException x -> Status.TOO_MANY_REQUESTS_429;
            // a policy refusal: 403 and 401 already mean "no valid token" and "no permission" in the contract
            case DownloadRejectedException x -> MONITOR_REJECTED;
            // a transaction answers as its failing command alone would have
            case TransactionFailedException x -> statusOf(x.reason());
        };
    }

    /** Sends an error body. */
    public static void send(ServerResponse res, Status status, String message) {
        JsonBodies.send(res, status, body(status, message));
    }

    private static Map<String, Object> body(Status status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.code());
        body.put("error", status.reasonPhrase());
        String text = message == null || message.isBlank() ? status.reasonPhrase() : message;
        body.put("message", text);
        ErrorMessageRecord.http(status.code(), text);
        return body;
    }

    private static String helidonMessage(HttpException e) {
        if (e.status().code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
            return "the request body is larger than the server accepts";
        }
        return e.getMessage() == null ? e.status().reasonPhrase() : e.getMessage();
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
        // out of memory: answering would leave a process that cannot be trusted; it stops instead
        FatalErrors.haltIfFatal(e);
        LOG.log(Level.ERROR, "unexpected failure in " + req.prologue().method().text() + " "
                + req.prologue().uriPath().path(), e);
        send(res, Status.INTERNAL_SERVER_ERROR_500, "an unexpected error occurred; it has been logged");
    }
}
