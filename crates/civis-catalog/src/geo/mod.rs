//! Geography registry (being written).
