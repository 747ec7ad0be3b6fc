// The trigger-side additions to the filters' stand-in package (test/golden/filters/go/v1alpha1,
// which holds Event, EventContext and Time): what params.go reads, with the same fields and JSON
// tags as upstream sensor_types.go and const.go at argo-events 6478ece. regenerate.sh puts both
// files in one package.
package v1alpha1

import "time"

// MarshalJSON follows metav1.Time.MarshalJSON: RFC 3339 in UTC with whole seconds, and the zero
// time is null (params.go marshals the event and its context).
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	buf := make([]byte, 0, len(time.RFC3339)+2)
	buf = append(buf, '"')
	buf = t.UTC().AppendFormat(buf, time.RFC3339)
	buf = append(buf, '"')
	return buf, nil
}

// Media types (const.go).
const (
	MediaTypeJSON string = "application/json"
	MediaTypeYAML string = "application/yaml"
)

// TriggerParameterOperation is how a parameter's value is written (sensor_types.go).
type TriggerParameterOperation string

// The operations the API declares.
const (
	TriggerParameterOpNone      TriggerParameterOperation = ""
	TriggerParameterOpAppend    TriggerParameterOperation = "append"
	TriggerParameterOpOverwrite TriggerParameterOperation = "overwrite"
	TriggerParameterOpPrepend   TriggerParameterOperation = "prepend"
)

// TriggerParameter is a parameter of a trigger (sensor_types.go).
type TriggerParameter struct {
	Src       *TriggerParameterSource   `json:"src,omitempty"`
	Dest      string                    `json:"dest"`
	Operation TriggerParameterOperation `json:"operation,omitempty"`
}

// TriggerParameterSource is where a parameter's value comes from (sensor_types.go).
type TriggerParameterSource struct {
	DependencyName  string  `json:"dependencyName"`
	ContextKey      string  `json:"contextKey,omitempty"`
	ContextTemplate string  `json:"contextTemplate,omitempty"`
	DataKey         string  `json:"dataKey,omitempty"`
	DataTemplate    string  `json:"dataTemplate,omitempty"`
	Value           *string `json:"value,omitempty"`
	UseRawData      bool    `json:"useRawData,omitempty"`
}

// Trigger and TriggerTemplate are only named by params.go's ApplyTemplateParameters, which the
// harness does not call (the engine applies parameters to the template JSON with ApplyParams).
type Trigger struct {
	Template   *TriggerTemplate   `json:"template,omitempty"`
	Parameters []TriggerParameter `json:"parameters,omitempty"`
}

// TriggerTemplate is opaque here.
type TriggerTemplate struct {
	Name string `json:"name"`
}
