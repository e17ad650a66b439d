package service

import "flowdeck/backend/mlflow"

func invalidf(format string, a ...any) error { return mlflow.InvalidParamf(format, a...) }

func notFoundf(format string, a ...any) error { return mlflow.NotFoundf(format, a...) }
