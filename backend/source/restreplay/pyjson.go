package restreplay

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
)

// PythonJSON re-encodes a JSON value the way Python's json.dumps does with
// its defaults: ", " and ": " separators, non-ASCII escaped as \uXXXX, key
// order and number spellings kept. Artifacts served as JSON files (call 38)
// come back byte for byte.
func PythonJSON(raw []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var buf bytes.Buffer
	if err := writeValue(dec, &buf); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data after JSON value")
	}
	return buf.Bytes(), nil
}

func writeValue(dec *json.Decoder, buf *bytes.Buffer) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		closeDelim := json.Delim('}')
		if t == '[' {
			closeDelim = ']'
		}
		buf.WriteByte(byte(t))
		for i := 0; dec.More(); i++ {
			if i > 0 {
				buf.WriteString(", ")
			}
			if t == '{' {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				writeString(buf, k.(string))
				buf.WriteString(": ")
			}
			if err := writeValue(dec, buf); err != nil {
				return err
			}
		}
		end, err := dec.Token()
		if err != nil {
			return err
		}
		if end != closeDelim {
			return fmt.Errorf("unbalanced JSON")
		}
		buf.WriteByte(byte(closeDelim))
	case string:
		writeString(buf, t)
	case json.Number:
		buf.WriteString(t.String())
	case bool:
		buf.WriteString(strconv.FormatBool(t))
	case nil:
		buf.WriteString("null")
	}
	return nil
}

func writeString(buf *bytes.Buffer, s string) {
	buf.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			buf.WriteString(`\"`)
		case r == '\\':
			buf.WriteString(`\\`)
		case r == '\n':
			buf.WriteString(`\n`)
		case r == '\r':
			buf.WriteString(`\r`)
		case r == '\t':
			buf.WriteString(`\t`)
		case r == '\b':
			buf.WriteString(`\b`)
		case r == '\f':
			buf.WriteString(`\f`)
		case r < 0x20 || (r > 0x7f && r <= 0xffff):
			fmt.Fprintf(buf, `\u%04x`, r)
		case r > 0xffff:
			a, b := utf16.EncodeRune(r)
			fmt.Fprintf(buf, `\u%04x\u%04x`, a, b)
		default:
			buf.WriteRune(r)
		}
	}
	buf.WriteByte('"')
}
