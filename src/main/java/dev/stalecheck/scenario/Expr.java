package dev.stalecheck.scenario;

import java.util.List;

/** An expression as written: evaluated statically (addresses), per step (stored values) or on a final state (conditions). */
sealed interface Expr {
    /** Where it starts. */
    SourcePosition pos();

    /** A number. */
    record Num(long value, SourcePosition pos) implements Expr {
    }

    /** The value {@code fault}. */
    record Fault(SourcePosition pos) implements Expr {
    }

    /** A name: macro parameter, loop variable, register, or {@code line}/{@code iline}/{@code page}. */
    record Name(String name, SourcePosition pos) implements Expr {
    }

    /** {@code THREAD.REG}, in conditions. */
    record ThreadRegister(String thread, String register, SourcePosition pos) implements Expr {
    }

    /** {@code ram[PA]} or {@code ram.W[PA]}: what RAM holds in a final state. */
    record RamRead(int width, Expr address, SourcePosition pos) implements Expr {
    }

    /** {@code ram.W[A .. B]}: every W-wide element of [A, B); only as an operand of {@code ==} or {@code !=}. */
    record RamRange(int width, Expr from, Expr to, SourcePosition pos) implements Expr {
    }

    /** A unary operator: {@code - ~ !}. */
    record Unary(UnaryOp op, Expr operand, SourcePosition pos) implements Expr {
    }

    /** A binary operator. */
    record Binary(BinaryOp op, Expr left, Expr right, SourcePosition pos) implements Expr {
    }

    /** A function call ({@code entry}, {@code desc}): they arrive with page tables. */
    record Call(String function, List<Expr> args, SourcePosition pos) implements Expr {
    }
}
