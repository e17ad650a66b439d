package mlflow

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Float is a float64 that travels through JSON the way MLflow writes it:
// NaN as "NaN", +Inf as "Infinity", -Inf as "-Infinity", everything else as
// a JSON number.
type Float float64

// MarshalJSON implements json.Marshaler.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	switch {
	case math.IsNaN(v):
		return []byte(`"NaN"`), nil
	case math.IsInf(v, 1):
		return []byte(`"Infinity"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-Infinity"`), nil
	}
	return json.Marshal(v)
}

// UnmarshalJSON accepts a JSON number or one of MLflow's strings for
// non-finite values (also the spellings Python's float() accepts).
func (f *Float) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		*f = 0
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return err
		}
		v, err := ParseFloat(str)
		if err != nil {
			return fmt.Errorf("metric value %q: %w", str, err)
		}
		*f = Float(v)
		return nil
	}
	if s == "NaN" { // Flask's get-history-bulk emits a bare NaN token
		*f = Float(math.NaN())
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("metric value %s: %w", s, err)
	}
	*f = Float(v)
	return nil
}

// ParseFloat parses a value as Python's float() does for MLflow's files:
// "nan", "inf", "-inf", "Infinity", "NaN" in any case, or a decimal.
func ParseFloat(s string) (float64, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "nan", "+nan", "-nan":
		return math.NaN(), nil
	case "inf", "+inf", "infinity", "+infinity":
		return math.Inf(1), nil
	case "-inf", "-infinity":
		return math.Inf(-1), nil
	}
	return strconv.ParseFloat(s, 64)
}

// FormatFloat writes a value the way MLflow's FileStore does in metric files
// (nan, inf, -inf; otherwise the shortest round-tripping decimal).
func FormatFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
