//! JSON encoding of every model type and error (`ToJson`), and `ModeledError` for the errors.

#[allow(unused_imports)]
use smithygen_server_runtime::serde_json::Value;
#[allow(unused_imports)]
use smithygen_server_runtime::{ModeledError, ToJson, encode};
#[allow(unused_imports)]
use smithygen_server_runtime::{Rejection, ResponseBody, bind, http};
{% for item in items %}
{{ item }}
{% endfor %}
