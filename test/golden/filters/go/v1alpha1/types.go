// Package v1alpha1 holds stand-ins for the Argo Events API types that filter.go reads
// (pkg/apis/events/v1alpha1/sensor_types.go at argo-events 6478ece): the same fields, names and
// JSON tags, without the Kubernetes and protobuf machinery the real package drags in.
package v1alpha1

import "time"

type Comparator string

const (
	GreaterThanOrEqualTo Comparator = ">="
	GreaterThan          Comparator = ">"
	EqualTo              Comparator = "="
	NotEqualTo           Comparator = "!="
	LessThan             Comparator = "<"
	LessThanOrEqualTo    Comparator = "<="
	EmptyComparator                 = ""
)

type LogicalOperator string

const (
	AndLogicalOperator   LogicalOperator = "and"
	OrLogicalOperator    LogicalOperator = "or"
	EmptyLogicalOperator LogicalOperator = ""
)

type JSONType string

const (
	JSONTypeBool   JSONType = "bool"
	JSONTypeNumber JSONType = "number"
	JSONTypeString JSONType = "string"
)

type EventDependencyFilter struct {
	Time                *TimeFilter     `json:"time,omitempty"`
	Context             *EventContext   `json:"context,omitempty"`
	Data                []DataFilter    `json:"data,omitempty"`
	Exprs               []ExprFilter    `json:"exprs,omitempty"`
	DataLogicalOperator LogicalOperator `json:"dataLogicalOperator,omitempty"`
	ExprLogicalOperator LogicalOperator `json:"exprLogicalOperator,omitempty"`
	Script              string          `json:"script,omitempty"`
}

type ExprFilter struct {
	Expr   string         `json:"expr"`
	Fields []PayloadField `json:"fields"`
}

type PayloadField struct {
	Path string `json:"path"`
	Name string `json:"name"`
}

type TimeFilter struct {
	Start    string `json:"start"`
	Stop     string `json:"stop"`
	Timezone string `json:"timezone,omitempty"`
}

type DataFilter struct {
	Path       string     `json:"path"`
	Type       JSONType   `json:"type"`
	Value      []string   `json:"value"`
	Comparator Comparator `json:"comparator,omitempty"`
	Template   string     `json:"template,omitempty"`
}

type Event struct {
	Context *EventContext `json:"context,omitempty"`
	Data    []byte        `json:"data"`
}

type EventContext struct {
	ID              string `json:"id"`
	Source          string `json:"source"`
	SpecVersion     string `json:"specversion"`
	Type            string `json:"type"`
	DataContentType string `json:"datacontenttype"`
	Subject         string `json:"subject"`
	Time            Time   `json:"time"`
}

// Time stands in for metav1.Time: filter.go reads its embedded time.Time.
type Time struct {
	time.Time
}
