package practice

// ListQuery is listQuery, for the query-plan test (an external test, as it
// loads benchdata, which imports this package).
var ListQuery = listQuery

// RelatedQuery is relatedQuery, for the query-plan test.
var RelatedQuery = relatedQuery

// ResizeMissingSQL is the query of the images without their resized copy,
// for the query-plan test.
var ResizeMissingSQL = resizeMissingSQL
