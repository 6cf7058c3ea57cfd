// A class field that holds an instant in µs, or a sum of them, is declared
// with DOUBLE_FIELD and given its starting value in the constructor.
//
// V8 gives each field of an object a representation, from the first value
// stored in it: a small integer (31 bits and sign), a double, or anything.
// A field that starts at 0 is a small integer. Times pass 2^31 µs 35.8
// minutes into a run, and the first such value stored changes the
// representation, and with it the shape of every object of the class: each
// optimised function that touched one is thrown away and compiled again,
// mid-run (in 10k-mobile, 26 of one thread's 30 such recompiles were the
// simulator's clock). A field whose first value is a fraction is a double
// field from the start and stays one: the 0 stored next is the double 0.
export const DOUBLE_FIELD = 0.5;
