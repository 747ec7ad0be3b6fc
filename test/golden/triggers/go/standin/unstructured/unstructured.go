// Package unstructured stands in for k8s.io/apimachinery/pkg/apis/meta/v1/unstructured in the
// scratch oracle. params.go names it only in ApplyResourceParameters, which marshals the object,
// calls ApplyParams and unmarshals the result; the harness calls ApplyParams itself.
package unstructured

import "encoding/json"

// Unstructured holds an object as a JSON map.
type Unstructured struct {
	Object map[string]interface{}
}

// MarshalJSON writes the object.
func (u *Unstructured) MarshalJSON() ([]byte, error) { return json.Marshal(u.Object) }

// UnmarshalJSON reads the object.
func (u *Unstructured) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &u.Object) }
