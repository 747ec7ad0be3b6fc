// Package v1alpha1 stands in for github.com/argoproj/argo-events/pkg/apis/events/v1alpha1 in the
// scratch oracle: the types params.go uses, with the same fields and JSON tags as upstream
// sensor_types.go and const.go at commit 6478ece. Compiling the real API package would need
// most of Kubernetes; params.go only reads these fields and marshals Event and EventContext.
package v1alpha1

import "time"

// Time stands in for k8s.io/apimachinery metav1.Time: JSON is RFC 3339 in UTC with whole
// seconds, and the zero time is null (metav1.Time.MarshalJSON).
type Time struct {
	time.Time
}

// MarshalJSON follows metav1.Time.MarshalJSON.
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

// Event is the cloudevent a sensor receives (sensor_types.go).
type Event struct {
	Context *EventContext `json:"context,omitempty"`
	Data    []byte        `json:"data"`
}

// EventContext holds the context of the cloudevent (sensor_types.go).
type EventContext struct {
	ID              string `json:"id"`
	Source          string `json:"source"`
	SpecVersion     string `json:"specversion"`
	Type            string `json:"type"`
	DataContentType string `json:"datacontenttype"`
	Subject         string `json:"subject"`
	Time            Time   `json:"time"`
}

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
