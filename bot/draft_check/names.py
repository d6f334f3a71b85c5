"""Common given names (English and Spanish) used to spot a patient named without a title.

Words that are also ordinary words when capitalised at a sentence start (Will, Grace, Mark, Rosa...) are
left out on purpose: precision matters more than catching every name.
"""

from __future__ import annotations

GIVEN_NAMES: frozenset[str] = frozenset(
    {
        "John", "James", "David", "Michael", "Robert", "Richard", "Thomas", "Peter", "Paul", "George", "Jack",
        "Harry", "Charlie", "Daniel", "Matthew", "Andrew", "Steven", "Stephen", "Christopher", "Anthony",
        "Kevin", "Brian", "Gary", "Jason", "Ryan", "Tom", "Tim", "Simon", "Ian", "Alan", "Colin", "Graham",
        "Keith", "Mary", "Sarah", "Emma", "Olivia", "Sophie", "Sophia", "Jessica", "Emily", "Lucy", "Laura",
        "Anna", "Jane", "Susan", "Margaret", "Elizabeth", "Helen", "Linda", "Karen", "Lisa", "Kate", "Katie",
        "Amy", "Rachel", "Rebecca", "Claire", "Julie", "Jennifer", "Jenny", "Nicola", "Michelle", "Donna",
        "Doris", "Dorothy", "Joan", "Barbara", "Patricia", "Betty", "Brenda", "Sandra", "Carol", "Sharon",
        "Tracy", "Kelly", "Maria", "Maureen", "Eileen", "Gladys", "Ethel", "Edna", "Mabel", "Albert",
        "Arthur", "Frank", "Fred", "Harold", "Stanley", "Walter", "Ernest", "Norman", "Derek", "Dave", "Mike",
        "Bob", "Jim", "María", "José", "Juan", "Antonio", "Manuel", "Francisco", "Pedro", "Pablo", "Javier",
        "Carlos", "Luis", "Miguel", "Rafael", "Fernando", "Sergio", "Jorge", "Alberto", "Alejandro", "Andrés",
        "Ramón", "Paco", "Pepe", "Pepa", "Carmen", "Ana", "Lucía", "Marta", "Elena", "Isabel", "Cristina",
        "Sara", "Paula", "Raquel", "Teresa", "Julia", "Nuria", "Silvia", "Beatriz", "Lola", "Concha",
        "Encarna", "Montse", "Inés", "Josefa", "Dolores", "Francisca", "Antonia", "Mercedes", "Manuela",
        "Juana", "Rocío", "Jesús", "Joaquín", "Enrique", "Vicente", "Emilio", "Agustín", "Julián", "Tomás",
        "Ignacio", "Diego", "Gonzalo", "Adrián", "Álvaro", "Rubén", "Óscar", "Iván", "Víctor", "Hugo",
        "Martín", "Lucas", "Mateo", "Daniela", "Valeria", "Sofía", "Martina", "Alba", "Irene", "Andrea",
        "Claudia", "Marina", "Noelia", "Lorena", "Eva", "Alicia", "Esther", "Yolanda", "Rosario", "Amparo",
        "Ángeles", "Guadalupe", "Lupita", "Itziar", "Ainhoa", "Aitor", "Iker", "Jordi", "Montserrat", "Núria",
        "Pilar", "Remedios",
    }
)
