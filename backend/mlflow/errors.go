package mlflow

import (
	"errors"
	"fmt"
)

// Sentinel errors shared by every layer. Check them with errors.Is.
var (
	ErrNotFound        = errors.New("not found")
	ErrInvalidArgument = errors.New("invalid argument")
	ErrUnauthenticated = errors.New("not authenticated")
	ErrPermission      = errors.New("permission denied")
	ErrUnavailable     = errors.New("unavailable")
	ErrNotMLflow       = errors.New("not an MLflow store")
	ErrConflict        = errors.New("conflict")
	ErrUnsupported     = errors.New("not supported by this source")
)

// Error is an MLflow API error: an error_code such as RESOURCE_DOES_NOT_EXIST
// and a message, as MLflow's JSON error bodies carry. Kind links it to one
// of the sentinels above so callers can use errors.Is.
type Error struct {
	Code    string `json:"error_code"`
	Message string `json:"message"`
	Kind    error  `json:"-"`
}

func (e *Error) Error() string { return e.Message }

// Unwrap lets errors.Is match the sentinel.
func (e *Error) Unwrap() error { return e.Kind }

// HTTPStatus is the status MLflow's server uses for the code.
func (e *Error) HTTPStatus() int { return HTTPStatusForCode(e.Code) }

// NotFoundf builds a RESOURCE_DOES_NOT_EXIST error.
func NotFoundf(format string, a ...any) *Error {
	return &Error{Code: "RESOURCE_DOES_NOT_EXIST", Message: fmt.Sprintf(format, a...), Kind: ErrNotFound}
}

// InvalidParamf builds an INVALID_PARAMETER_VALUE error.
func InvalidParamf(format string, a ...any) *Error {
	return &Error{Code: "INVALID_PARAMETER_VALUE", Message: fmt.Sprintf(format, a...), Kind: ErrInvalidArgument}
}

// HTTPStatusForCode maps MLflow error codes to HTTP statuses (§4.2).
func HTTPStatusForCode(code string) int {
	switch code {
	case "INVALID_PARAMETER_VALUE", "BAD_REQUEST", "RESOURCE_ALREADY_EXISTS", "MALFORMED_REQUEST":
		return 400
	case "RESOURCE_DOES_NOT_EXIST", "NOT_FOUND", "ENDPOINT_NOT_FOUND":
		return 404
	case "PERMISSION_DENIED":
		return 403
	case "UNAUTHENTICATED", "CUSTOMER_UNAUTHORIZED":
		return 401
	case "RESOURCE_CONFLICT", "ALREADY_EXISTS", "ABORTED":
		return 409
	case "REQUEST_LIMIT_EXCEEDED", "RESOURCE_EXHAUSTED":
		return 429
	case "NOT_IMPLEMENTED":
		return 501
	case "TEMPORARILY_UNAVAILABLE":
		return 503
	case "DEADLINE_EXCEEDED":
		return 504
	case "CANCELLED":
		return 499
	}
	return 500
}

// KindForCode maps an MLflow error code to a sentinel.
func KindForCode(code string) error {
	switch HTTPStatusForCode(code) {
	case 400:
		return ErrInvalidArgument
	case 404:
		return ErrNotFound
	case 401:
		return ErrUnauthenticated
	case 403:
		return ErrPermission
	case 409:
		return ErrConflict
	case 503, 504:
		return ErrUnavailable
	}
	return nil
}
