package cli

import (
	"errors"

	"flowdeck/backend/mlflow"
)

// errorSentence is the one line a user sees for a failed command.
func errorSentence(err error) string {
	var me *mlflow.Error
	if errors.As(err, &me) && me.Message != "" && err.Error() == me.Message {
		return me.Message
	}
	return err.Error()
}
