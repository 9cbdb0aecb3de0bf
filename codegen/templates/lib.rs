{% for line in c.docs %}//!{{ line }}
{% endfor %}
// Methods are named after model members, so a member called `IsDisabled` yields a builder
// method `is_disabled(self, ..)`, as in aws-sdk-rust.
#![allow(clippy::wrong_self_convention)]
{%- for m in c.modules %}
{% for line in m.docs %}///{{ line }}
{% endfor %}pub mod {{ m.name }};
{%- endfor %}
